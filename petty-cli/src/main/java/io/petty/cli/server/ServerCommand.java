package io.petty.cli.server;

import io.petty.cli.OutputOption;
import jakarta.json.JsonObject;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every command that works through the REST API shares: the server, the output format, where to print. */
abstract class ServerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws IOException {
        if (server.token() == null && server.email == null) {
            throw new ParameterException(spec.commandLine(), "Sign in: set PETTY_TOKEN to an access token, or give"
                    + " --email (the password is asked for).");
        }
        try (ServerApi api = ServerApi.connect(server)) {
            return call(api);
        }
    }

    abstract int call(ServerApi api) throws IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A started job's {@code 202}, followed to its end when {@code --wait} says so. */
    JsonObject started(ServerApi api, ServerApi.Accepted accepted, WaitOptions wait, String what) {
        if (!wait.wait) {
            err().println(what + " started; follow it with: petty jobs list, or GET " + accepted.location());
            return accepted.body();
        }
        return new JobWatch(api, err(), JobWatch.EVERY).until(accepted.location(), what, wait.timeout);
    }
}
