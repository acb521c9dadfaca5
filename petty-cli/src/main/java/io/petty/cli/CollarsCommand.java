package io.petty.cli;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.collars.CollarFactory;
import io.petty.domain.collars.CollarRepository;
import io.petty.domain.validation.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.util.List;

/** {@code petty collars provision}: collars for the factory. */
@Command(name = "collars", mixinStandardHelpOptions = true, description = "Manage collars.",
        subcommands = CollarsCommand.Provision.class)
public class CollarsCommand {

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Make collars for the factory: a fresh serial each, a device secret to write into it and a "
                    + "claim code to print on it. Prints CSV (serial,secret,claim_code) on standard output: the only "
                    + "copy of the secrets, as the database keeps their hashes alone.")
    static class Provision extends DatabaseCommand {
        @Mixin
        SecurityOptions security;

        @Option(names = "--count", required = true, description = "How many (1 to 100,000).")
        int count;
        @Option(names = "--prefix", defaultValue = "SN",
                description = "Two capital letters the serials start with (default ${DEFAULT-VALUE}).")
        String prefix;

        @Override
        public Integer call() {
            DataSource dataSource = database.dataSource();
            // The audit log first: a run that cannot record what it made makes nothing.
            AuditLog audit = security.auditLog(dataSource);
            List<CollarFactory.MadeCollar> made;
            try {
                made = new CollarFactory(CollarRepository.using(dataSource)).make(prefix, count);
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> err().printf("petty: --%s %s%n", v.field(), v.message()));
                return ExitCode.USAGE;
            }
            audit.record(AuditEvent.COLLARS_PROVISIONED, SecurityOptions.operator(), prefix,
                    made.size() + " collars");
            out().println("serial,secret,claim_code");
            made.forEach(collar -> out().printf("%s,%s,%s%n", collar.serial(), collar.secret(), collar.claimCode()));
            out().flush();
            if (made.size() < count) {
                err().printf("petty: only %d of %d collars made: prefix %s has too few free serials; use another%n",
                        made.size(), count, prefix);
                return ExitCode.CHECK_FAILED;
            }
            return ExitCode.OK;
        }
    }
}
