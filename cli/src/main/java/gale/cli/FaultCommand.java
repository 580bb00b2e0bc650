package gale.cli;

import picocli.CommandLine.Command;

@Command(
        name = "fault",
        mixinStandardHelpOptions = true,
        description = {
            "Injects faults into a running stack, lists them and clears them (docs/faults.md).",
            "Every fault is reverted at its end, when cleared, at gale down, and when Gale dies."
        },
        subcommands = {FaultInjectCommand.class, FaultListCommand.class, FaultClearCommand.class})
final class FaultCommand {}
