package ml.pipeline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Event-driven ML training pipeline: datasets in, promoted models out.",
        subcommands = {StackCommand.class, ServicesCommand.class, PublishCommand.class, EventsCommand.class, DemoCommand.class,
            RegistryCommands.Status.class, RegistryCommands.Runs.class, RegistryCommands.Models.class,
            RegistryCommands.History.class, RegistryCommands.Promote.class, RegistryCommands.Alias.class,
            RegistryCommands.Resolve.class, RegistryCommands.Rollback.class,
            RegistryCommands.Cancel.class, RegistryCommands.Retry.class, TrackingCommands.Experiments.class,
            TrackingCommands.RunInfo.class, TrackingCommands.Compare.class, TrackingCommands.Reproduce.class,
            OpenCommand.class, TokenCommand.class, SourcesCommand.class})
final class PipelineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
