package io.petty.cli;

import io.petty.domain.audit.AuditLog;
import picocli.CommandLine.Command;

import java.time.Clock;

/** {@code petty audit verify}: recomputes the audit log's hash chain and names the first broken link. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the security audit log.",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the hash chain; exit 1 and name the first broken entry when it does not hold.")
    static class Verify extends DatabaseCommand {
        @Override
        public Integer call() {
            AuditLog.Verification result = new AuditLog(database.dataSource(), Clock.systemUTC()).verify();
            if (result.intact()) {
                out().printf("Audit log intact: %d entries verified.%n", result.checked());
                return ExitCode.OK;
            }
            out().printf("Audit log BROKEN at entry %d (%d entries before it verified).%n",
                    result.firstBrokenSeq().orElseThrow(), result.checked());
            return ExitCode.CHECK_FAILED;
        }
    }
}
