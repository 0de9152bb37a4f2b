package dev.sfsync.operations;

import java.lang.reflect.Method;
import java.time.Duration;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.resilience.retry.SimpleRetryInterceptor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A run's own record of its status survives a stop request that meets it. Spring Batch's
 * repository writes a job execution in two statements: it reads the row's version (and,
 * when it changed, the status a stop request wrote), then updates the row under that
 * version. A stop written between the two (a shutdown, an operator) raised the version,
 * so the run's update failed with {@link OptimisticLockingFailureException}: the run's
 * end was never recorded, it stayed STOPPING, its process waited out its stop timeout for
 * it, and it was later recovered as an orphan with the wrong cause (Spring Batch issues
 * #1613 and #5484).
 * <p>
 * Here such an update, made by the thread that runs that execution, is made again: the
 * repository reads the new version and merges the stop into the run's status as it does
 * for any stop it sees in time (a run that has ended becomes STOPPED). Only the run's own
 * writes are retried, outside a transaction (inside one, the retry would read the same
 * snapshot): a stop request or an orphan's recovery that meets a concurrent write still
 * fails, as it must not overwrite what the run recorded.
 */
final class RunEndRetries implements BeanPostProcessor {

	/** Two more tries: a run has at most a stop and a recovery writing over it. */
	private static final MethodRetrySpec SPEC = new MethodRetrySpec(
			(method, failure) -> failure instanceof OptimisticLockingFailureException, 2, Duration.ZERO);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof JobRepository && bean instanceof Advised advised) {
			// First, so that each try goes through the repository's transaction advice.
			advised.addAdvisor(0, new DefaultPointcutAdvisor(new JobExecutionUpdate(), new OwnUpdates()));
		}
		return bean;
	}

	/** {@code update(JobExecution)}. */
	private static final class JobExecutionUpdate extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, @Nullable Class<?> targetClass) {
			return method.getName().equals("update") && method.getParameterCount() == 1
					&& method.getParameterTypes()[0] == JobExecution.class;
		}

	}

	/** Retries the update when it is the run's own, outside a transaction. */
	private static final class OwnUpdates implements MethodInterceptor {

		private final SimpleRetryInterceptor retries = new SimpleRetryInterceptor(SPEC);

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			if (ownUpdate((JobExecution) invocation.getArguments()[0])
					&& !TransactionSynchronizationManager.isActualTransactionActive()) {
				return this.retries.invoke(invocation);
			}
			return invocation.proceed();
		}

		private static boolean ownUpdate(JobExecution execution) {
			JobContext context = JobSynchronizationManager.getContext();
			return context != null && context.getJobExecution().getId() == execution.getId();
		}

	}

}
