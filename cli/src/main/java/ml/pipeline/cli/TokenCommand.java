package ml.pipeline.cli;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import ml.pipeline.core.access.Role;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.auth.SigningKey;
import ml.pipeline.stack.auth.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a bearer token signed with the stack's key; {@code --save} makes it the CLI's own. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token for the services' APIs, signed with the stack's key.",
            "Roles: publisher (specs, datasets, cancel, retry), approver (canary, production, aliases, rollback), admin (all).",
            "Use it as: curl -H \"Authorization: Bearer $(./pipeline token --role publisher)\" ...",
            "The CLI sends PIPELINE_TOKEN when set, else the token stored by 'stack up' (admin) or by --save."})
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackChoice stack;

    @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
            description = "publisher, approver or admin (several: a,b).")
    List<String> roles;

    @Option(names = "--subject", paramLabel = "NAME", description = "Who the token speaks for (the history's 'by'; default: your user name).")
    String subject = System.getProperty("user.name", "cli");

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h",
            description = "How long it is valid, e.g. 30m, 8h, 30d (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--save", description = "Store it as the CLI's token (replacing the one 'stack up' stored).")
    boolean save;

    @Override
    public Integer call() throws Exception {
        for (String role : roles) {
            if (Role.byName(role).isEmpty()) {
                throw new CliException("--role: '" + role + "' is not a role; use publisher, approver or admin");
            }
        }
        if (subject == null || subject.isBlank()) {
            throw new CliException("--subject: a name is required");
        }
        StackConfig config = stack.config();
        PrivateKey key;
        try {
            key = SigningKey.load(config.auth());
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
        String token = Tokens.issue(key, subject, roles, lifetime(ttl));
        if (save) {
            Tokens.store(config.auth(), token);
            spec.commandLine().getErr().println("stored as the CLI's token in " + config.auth().resolve(Tokens.STORED_FILE));
        }
        spec.commandLine().getOut().println(token);
        return 0;
    }

    /** "30m", "8h", "30d" or an ISO-8601 duration ("PT8H"). */
    static Duration lifetime(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.matches("[0-9]+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            Duration parsed = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (parsed.isNegative() || parsed.isZero()) {
                throw new CliException("--ttl: must be positive, got '" + text + "'");
            }
            return parsed;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CliException("--ttl: use e.g. 30m, 8h, 30d or PT8H, got '" + text + "'");
        }
    }
}
