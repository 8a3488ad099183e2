package im.parley.modules.admin;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.function.Function;

/** A XEP-0133 command that needs no input and at once returns one result field (a count or a list). */
final class ReportCommand extends AdminCommand {
    /** The report for a host, the requesting admin's own. */
    private final Function<String, DataForm.Field> report;

    ReportCommand(String useCase, String name, Admins admins, Function<String, DataForm.Field> report) {
        super(useCase, name, admins);
        this.report = report;
    }

    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) {
        return new Step.Completed(form(DataForm.Type.RESULT, null, List.of(report.apply(requester.domain()))), null);
    }
}
