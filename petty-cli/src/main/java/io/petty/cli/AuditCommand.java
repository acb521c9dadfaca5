package io.petty.cli;

import io.petty.domain.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import javax.sql.DataSource;

/**
 * {@code petty audit verify}: recomputes the audit log's keyed chain (so it needs the master key, as the server does)
 * and names the first broken link, or the entries missing from its newest end.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the security audit log.",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the chain; exit 1 and name the first broken entry, or the missing newest ones.")
    static class Verify extends DatabaseCommand {
        @Mixin
        SecurityOptions security;

        @Override
        public Integer call() {
            DataSource dataSource = database.dataSource();
            AuditLog.Verification result = security.auditLog(dataSource).verify();
            if (result.intact()) {
                out().printf("Audit log intact: %d entries verified.%n", result.checked());
                return ExitCode.OK;
            }
            if (result.missingThrough().isPresent()) {
                out().printf("Audit log TRUNCATED: entries %d to %d are missing from its newest end (%d entries "
                        + "verified).%n", result.checked() + 1, result.missingThrough().get(), result.checked());
            } else {
                out().printf("Audit log BROKEN at entry %d (%d entries before it verified).%n",
                        result.firstBrokenSeq().orElseThrow(), result.checked());
            }
            return ExitCode.CHECK_FAILED;
        }
    }
}
