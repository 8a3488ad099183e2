package im.parley.it.sint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.TestNotPossible;

/**
 * The outcome of one run: the framework's result, plus the exception that ended the run early
 * when a test broke the framework itself (SINT then stops and throws, and the tests after that
 * one never ran).
 *
 * @param result what the framework recorded, up to the abort if there was one
 * @param abort  the exception that stopped the run, or null when it ran to the end
 * @param elapsed wall-clock time of the whole run, set-up and account clean-up included
 */
public record SintReport(TestRunResult result, Throwable abort, Duration elapsed) {
    private static final String FRAMEWORK_CLASS = SmackIntegrationTestFramework.class.getName();

    public int passed() {
        return result.getSuccessfulTests().size();
    }

    public List<FailedTest> failures() {
        return result.getFailedTests();
    }

    /** Tests that ran but found the service lacking what they need (SINT's "not possible"). */
    public List<TestNotPossible> skipped() {
        return result.getNotPossibleTests();
    }

    /** Classes none of whose tests could run, usually because the service lacks the feature. */
    public Map<Class<? extends AbstractSmackIntTest>, Throwable> skippedClasses() {
        return result.getImpossibleTestClasses();
    }

    /** True when the run completed and no test failed. */
    public boolean successful() {
        return abort == null && failures().isEmpty();
    }

    /** A human-readable account: the counts, then each failure with its exception, then what was skipped. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("SINT run %s: %d passed, %d failed, %d skipped tests, %d skipped classes in %ds%n",
                result.getTestRunId(), passed(), failures().size(), skipped().size(), skippedClasses().size(),
                elapsed.toSeconds()));
        if (abort != null) {
            out.append("RUN ABORTED, later tests did not run: ").append(stackTrace(abort));
        }
        for (FailedTest failure : failures()) {
            out.append("FAILED ").append(failure.concreteTest).append(": ")
                    .append(stackTrace(failure.failureReason));
        }
        for (TestNotPossible notPossible : skipped()) {
            out.append("skipped ").append(notPossible.concreteTest).append(": ")
                    .append(notPossible.testNotPossibleException.getMessage()).append(System.lineSeparator());
        }
        skippedClasses().forEach((type, reason) -> out.append("skipped class ").append(type.getName())
                .append(": ").append(reason).append(System.lineSeparator()));
        return out.toString();
    }

    /** The exception and its causes, each cut where the framework called the test: the rest is SINT and JUnit. */
    private static String stackTrace(Throwable throwable) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            text.append(t == throwable ? "" : "Caused by: ").append(t).append(System.lineSeparator());
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith(FRAMEWORK_CLASS)) {
                    break;
                }
                text.append("\tat ").append(frame).append(System.lineSeparator());
            }
        }
        return text.toString();
    }
}
