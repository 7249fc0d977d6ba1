using System.CommandLine;
using System.Globalization;
using Continuity.Analysis;
using Continuity.Impact;
using Continuity.Reports;

namespace Continuity.Cli.Commands;

public static class RecoveryOrderCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new AnalysisInput();
        var fail = ImpactCommand.FailOption("Recover from this failure only: a tag (region=eu-west-1, vendor=aws …) or an element (system:license-db). Repeat for several. Default: the worst case, everything fails.");
        var capacity = ImpactCommand.CapacityOption();
        var command = new Command("recovery-order", "In what order to recover: dependency-respecting waves, and a schedule with start and finish per element and the makespan, " +
            "given how many restores each team runs at once. The schedule starts, whenever a team has a free slot, the ready restore with the least slack " +
            "(latest start allowed by the RTOs of everything that needs it); ties by tier, then id.\n" + ExitCodes.Help)
        {
            fail,
            capacity,
            ValidateCommand.Format,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(ValidateCommand.Format)!;
            var (loaded, exitCode) = await input.LoadAsync(cli, parse, format, cancellationToken);
            if (loaded is null)
            {
                return exitCode;
            }
            if (ImpactCommand.CapacityOf(cli, parse, capacity, loaded) is not { } perTeam)
            {
                return ExitCodes.InvalidInput;
            }
            var selectors = parse.GetValue(fail) ?? [];
            var result = await cli.WithProgressAsync("Scheduling the recovery…",
                () => Task.Run(() => ImpactAnalysis.RecoveryOrder(loaded.Snapshot, selectors, perTeam)));
            if (format == "json")
            {
                cli.Output.WriteLine(ReportJson.Serialize(result));
            }
            else if (result.Recovery is { } recovery)
            {
                ReportText.Widen(cli);
                cli.Console.MarkupLine(recovery.WorstCase
                    ? "[bold]Worst case: everything fails and is restored[/]"
                    : $"[bold]Recovery after {Markup.Escape(string.Join(" and ", selectors))} {(selectors.Length == 1 ? "fails" : "fail")}[/]");
                PrintSchedule(cli, recovery);
            }
            else
            {
                ImpactCommand.PrintProblems(cli, result.Problems);
            }
            return !result.IsValid ? ExitCodes.InvalidInput
                : result.Recovery is { } shown && (shown.MissedRto.Count > 0 || shown.Blocked.Count > 0) ? ExitCodes.Findings
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Prints the waves and the schedule of the restores (and when each function is back).</summary>
    internal static void PrintSchedule(CliContext cli, RecoveryOrderReport recovery)
    {
        var console = cli.Console;
        var shown = recovery.Schedule.Where(Shown).ToList();
        var outage = string.Join(" / ", recovery.OpenEnded.Select(o => ReportText.Name(o.Id)));
        console.MarkupLine($"[bold]Recovery order[/] [dim]({ValidateCommand.Plural(recovery.CapacityPerTeam, "restore")} at a time per team" +
            (recovery.OpenEnded.Count > 0 ? $"; + marks times counted from when {Markup.Escape(outage)} is back" : "") + ")[/]");

        var openEnded = recovery.OpenEnded.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var listed = recovery.Schedule.Where(r => Shown(r) || openEnded.Contains(r.Id)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        // Waves are numbered as shown: a wave of only unlisted elements is left out, not skipped.
        var number = 0;
        for (var wave = 0; wave < recovery.Waves.Count; wave++)
        {
            var ids = recovery.Waves[wave].Where(listed.Contains).ToList();
            if (ids.Count > 0)
            {
                ReportText.Wrapped(cli, 2, $"wave {++number}: {string.Join(", ", ids)}", hanging: 4);
            }
        }
        var quiet = recovery.Schedule.Count(r => !listed.Contains(r.Id));
        if (quiet > 0)
        {
            ReportText.Wrapped(cli, 2, $"{ValidateCommand.Plural(quiet, "other element")} down (sites, people, roles, systems that only went down with what they need) " +
                $"{(quiet == 1 ? "comes" : "come")} back with what {(quiet == 1 ? "it needs" : "they need")}, with no restore of {(quiet == 1 ? "its" : "their")} own.", "dim");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Start").RightAligned()).AddColumn(new TableColumn("Finish").RightAligned())
            .AddColumn(new TableColumn("Element").NoWrap()).AddColumn(new TableColumn("Tier").Centered()).AddColumn("Team")
            .AddColumn(new TableColumn("RTO").RightAligned()).AddColumn("");
        foreach (var row in shown)
        {
            var mark = row.AfterOutage ? "+" : "";
            var assumed = row.EstimateMissing ? " [yellow]*[/]" : "";
            var status = row.RtoMinutes is not { } rto ? ""
                : row.MissesRto ? $"[red]{ReportText.Time(row.Finish - rto)} late[/]"
                : "[green]in time[/]";
            var element = row.Kind == NodeKind.Function ? $"[bold]{Markup.Escape(row.Id)}[/]" : Markup.Escape(row.Id);
            table.AddRow(
                mark + ReportText.Time(row.Start),
                mark + ReportText.Time(row.Finish) + assumed,
                element,
                row.Tier == 0 ? "" : row.Tier.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Team ?? (row.Kind == NodeKind.Vendor ? "(vendor)" : "")),
                row.RtoMinutes is { } target ? ReportText.Time(target) : "[dim]–[/]",
                status);
        }
        console.Write(table);
        if (shown.Any(r => r.EstimateMissing))
        {
            ReportText.Wrapped(cli, 2, "* counts a restore with no estimate in the plan as instant (its own or one it waits for): it may be later.", "yellow");
        }

        foreach (var blocked in recovery.Blocked)
        {
            console.MarkupLine($"  [red]✗ {Markup.Escape(blocked.Id)} can never start: it waits on a dependency loop.[/]");
        }
        var makespan = recovery.OpenEnded.Count > 0
            ? $"[bold]{ReportText.Time(recovery.Makespan)}[/] after {Markup.Escape(outage)} is back"
            : $"after [bold]{ReportText.Time(recovery.Makespan)}[/]";
        var missed = recovery.MissedRto.Count;
        var verdict = missed > 0 ? $"[red]{ValidateCommand.Plural(missed, "RTO")} missed[/], latest first:"
            : recovery.OpenEnded.Count > 0 ? $"[green]the restores themselves fit every RTO[/]; whether the RTOs hold depends on when {Markup.Escape(outage)} is back."
            : "[green]every RTO is met[/].";
        console.MarkupLine($"Everything is back {makespan}; {verdict}");
        if (missed > 0)
        {
            ReportText.Wrapped(cli, 2, string.Join(", ", recovery.MissedRto), hanging: 2);
        }
    }

    /// <summary>Restores and functions; what comes back by itself (sites, people, roles) only clutters the table.</summary>
    /// <summary>Restores that take time, restores with no estimate (they may), and every function.</summary>
    private static bool Shown(ScheduledRestore row) => row.RestoreMinutes > 0 || row.EstimateMissing || row.Kind == NodeKind.Function;
}
