package dev.sfsync.operations;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.NameMatchTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Which job repository calls keep a transaction of their own: the repository proxied as
 * Spring Batch's factory proxies it, with its default attributes.
 */
class JobRepositoryTransactionsTests {

	private final TransactionAttributeSource source = postProcessed();

	@Test
	void singleRowWritesAndReadsJoinTheTransactionTheyAreCalledInOrRunWithoutOne() {
		for (String name : new String[] { "update", "updateExecutionContext", "getJobExecution", "getLastStepExecution",
				"getStepExecutionCount", "findRunningJobExecutions", "getJobInstance" }) {
			assertThat(attribute(name).getPropagationBehavior()).as(name)
				.isEqualTo(TransactionDefinition.PROPAGATION_SUPPORTS);
		}
	}

	@Test
	void creatingAndDeletingKeepTheirOwnTransactionsAndOnlyAStepExecutionDropsTheIsolation() {
		assertThat(attribute("createJobExecution").getIsolationLevel())
			.isEqualTo(TransactionDefinition.ISOLATION_READ_COMMITTED);
		assertThat(attribute("createJobInstance").getPropagationBehavior())
			.isEqualTo(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		assertThat(attribute("getLastJobExecution").getIsolationLevel())
			.isEqualTo(TransactionDefinition.ISOLATION_READ_COMMITTED);
		assertThat(attribute("createStepExecution").getPropagationBehavior())
			.isEqualTo(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		assertThat(attribute("createStepExecution").getIsolationLevel())
			.isEqualTo(TransactionDefinition.ISOLATION_DEFAULT);
		assertThat(attribute("deleteJobExecution").getPropagationBehavior())
			.isEqualTo(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	private TransactionAttribute attribute(String name) {
		Method method = Arrays.stream(JobRepository.class.getMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		TransactionAttribute attribute = this.source.getTransactionAttribute(method, JobRepository.class);
		assertThat(attribute).as(name).isNotNull();
		return attribute;
	}

	/** Spring Batch's default attributes, with isolation READ_COMMITTED for creating. */
	private static TransactionAttributeSource postProcessed() {
		Properties attributes = new Properties();
		attributes.setProperty("create*", "PROPAGATION_REQUIRES_NEW,ISOLATION_READ_COMMITTED");
		attributes.setProperty("getLastJobExecution*", "PROPAGATION_REQUIRES_NEW,ISOLATION_READ_COMMITTED");
		attributes.setProperty("*", "PROPAGATION_REQUIRED");
		NameMatchTransactionAttributeSource defaults = new NameMatchTransactionAttributeSource();
		defaults.setProperties(attributes);
		TransactionInterceptor interceptor = new TransactionInterceptor();
		interceptor.setTransactionAttributeSource(defaults);
		ProxyFactory factory = new ProxyFactory(mock(JobRepository.class));
		factory.addInterface(JobRepository.class);
		factory.addAdvice(interceptor);
		Object repository = new JobRepositoryTransactions().postProcessAfterInitialization(factory.getProxy(),
				"jobRepository");
		TransactionAttributeSource source = null;
		for (Advisor advisor : ((Advised) repository).getAdvisors()) {
			if (advisor.getAdvice() instanceof TransactionInterceptor advice) {
				source = advice.getTransactionAttributeSource();
			}
		}
		assertThat(source).isNotNull().isNotSameAs(defaults);
		return source;
	}

}
