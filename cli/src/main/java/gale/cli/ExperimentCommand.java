package gale.cli;

import picocli.CommandLine.Command;

@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {
            "Runs chaos experiments: a steady-state hypothesis checked before, during and after a method (load,"
                    + " faults, actions), then rollbacks (docs/experiments.md).",
            "Each seed's story is built in: gale experiment list."
        },
        subcommands = {ExperimentListCommand.class, ExperimentRunCommand.class})
final class ExperimentCommand {}
