package io.petty.cli;

import io.petty.domain.audit.AuditLog;
import io.petty.domain.identity.Account;
import io.petty.domain.identity.AccountRepository;
import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.EmailTakenException;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.identity.Role;
import io.petty.domain.secrets.SecretStore;
import io.petty.domain.validation.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;

/** {@code petty accounts create}: the only way to make an admin or a compliance officer. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage privileged accounts.",
        subcommands = AccountsCommand.Create.class)
public class AccountsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an admin or compliance-officer account. The password is read from the terminal "
                    + "(or standard input), never from an argument.")
    static class Create extends DatabaseCommand {
        @Mixin
        SecurityOptions security;

        @Option(names = "--role", required = true, description = "admin or compliance-officer")
        String role;
        @Option(names = "--email", required = true)
        String email;
        @Option(names = "--display-name", description = "Default: the email's local part.")
        String displayName;

        @Override
        public Integer call() throws IOException {
            Role wanted = Role.ofGroup(role).filter(r -> r != Role.OWNER).orElse(null);
            if (wanted == null) {
                err().println("petty: --role must be admin or compliance-officer");
                return ExitCode.USAGE;
            }
            DataSource dataSource = database.dataSource();
            SecretStore secrets = new SecretStore(dataSource, security.masterKey(), Clock.systemUTC());
            AccountService accounts = new AccountService(AccountRepository.using(dataSource), new PiiProtector(secrets),
                    new AuditLog(dataSource, Clock.systemUTC(), secrets));
            try {
                String name = displayName != null ? displayName : email.substring(0, Math.max(1, email.indexOf('@')));
                Account account = accounts.register(email, Passwords.read(), name, wanted);
                out().printf("Created %s account %s.%n", wanted.group(), account.id());
                return ExitCode.OK;
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> err().printf("petty: %s %s%n", v.field(), v.message()));
                return ExitCode.CHECK_FAILED;
            } catch (EmailTakenException e) {
                err().println("petty: an account with this email exists");
                return ExitCode.CHECK_FAILED;
            }
        }
    }
}
