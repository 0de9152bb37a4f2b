package dev.sfsync.operations;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Fewer transactions for the job repository's bookkeeping. Spring Batch gives each call
 * of its repository a transaction of its own: a run made about 40, each three statements
 * of demarcation ({@code SET autocommit=0}, {@code COMMIT}, {@code SET autocommit=1})
 * around one or two statements of its own (tenants benchmark, by MariaDB's general log).
 * <p>
 * Here the calls that write one row ({@code update}, {@code updateExecutionContext}) and
 * the reads join the transaction they are called in, the chunk's, as before, and
 * otherwise run in auto-commit, where one statement is atomic by itself. {@code update}
 * stays guarded by the row's version, as before. The calls that write several rows,
 * creating an instance, an execution or a step execution and deleting them, keep their
 * own transactions as Spring Batch configures them, isolation included, but for a step
 * execution's: two inserts under fresh ids that read nothing need no isolation but the
 * connection's (setting it and setting it back were two statements a step).
 * <p>
 * Spring Boot builds the repository and has no setting for its transaction attributes, so
 * this changes the attribute source of the repository's transaction advice once it is
 * built.
 */
final class JobRepositoryTransactions implements BeanPostProcessor {

	private static final TransactionAttribute SUPPORTS = new DefaultTransactionAttribute(
			TransactionDefinition.PROPAGATION_SUPPORTS);

	private static final TransactionAttribute OWN = new DefaultTransactionAttribute(
			TransactionDefinition.PROPAGATION_REQUIRES_NEW);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof JobRepository && bean instanceof Advised advised) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor.getAdvice() instanceof TransactionInterceptor interceptor) {
					TransactionAttributeSource configured = interceptor.getTransactionAttributeSource();
					if (configured != null) {
						interceptor.setTransactionAttributeSource(new Source(configured));
					}
				}
			}
		}
		return bean;
	}

	/**
	 * Single writes and reads without a transaction of their own; the rest as configured.
	 */
	private record Source(TransactionAttributeSource configured) implements TransactionAttributeSource {

		@Override
		public @Nullable TransactionAttribute getTransactionAttribute(Method method, @Nullable Class<?> targetClass) {
			if (joinsOnly(method.getName())) {
				return SUPPORTS;
			}
			if (method.getName().equals("createStepExecution")) {
				return OWN;
			}
			return this.configured.getTransactionAttribute(method, targetClass);
		}

		static boolean joinsOnly(String name) {
			if (name.startsWith("getLastJobExecution")) {
				// Part of the launch's check for a running execution, at the isolation of
				// creating one.
				return false;
			}
			return name.startsWith("update") || name.startsWith("get") || name.startsWith("find")
					|| name.startsWith("is");
		}

	}

}
