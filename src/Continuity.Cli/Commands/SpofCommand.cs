using System.CommandLine;
using System.Globalization;
using Continuity.Impact;
using Continuity.Reports;

namespace Continuity.Cli.Commands;

public static class SpofCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new AnalysisInput(documents: false);
        var tier = new Option<int>("--tier")
        {
            Description = "Functions of this tier or better are critical (1 mission critical … 4 administrative).",
            DefaultValueFactory = _ => 2,
            HelpName = "1-4",
        };
        tier.AcceptOnlyFromAmong("1", "2", "3", "4");
        var command = new Command("spof", "Single points of failure: for each critical function, every element whose failure alone takes it down " +
            "(redundancy groups honoured, degraded dependencies ignored) and whether the function would then miss its RTO; " +
            "and how concentrated the critical functions are on vendors and sites.\n" + ExitCodes.Help)
        {
            tier,
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
            var report = await cli.WithProgressAsync("Finding single points of failure…",
                () => Task.Run(() => SinglePoints.Find(loaded.Snapshot, parse.GetValue(tier))));
            if (format == "json")
            {
                cli.Output.WriteLine(ReportJson.Serialize(report));
            }
            else
            {
                Print(cli, report);
            }
            return report.Functions.Any(f => f.SinglePoints.Any(p => p.MissesRto)) ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    private static void Print(CliContext cli, SinglePointsReport report)
    {
        ReportText.Widen(cli);
        var console = cli.Console;
        var tiers = report.CriticalTier == 1 ? "tier 1" : $"tiers 1–{report.CriticalTier}";
        if (report.Functions.Count == 0)
        {
            console.MarkupLine($"The plan has no business function of {tiers}.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Single points of failure of the {ValidateCommand.Plural(report.Functions.Count, "critical function")} ({tiers})[/]")
            .AddColumn(new TableColumn("Function").NoWrap()).AddColumn(new TableColumn("Tier").Centered()).AddColumn(new TableColumn("RTO").RightAligned())
            .AddColumn("A failure of this alone takes it down (it is back after)");
        foreach (var function in report.Functions)
        {
            var missing = function.SinglePoints.Where(p => p.MissesRto).Select(p => $"[red]✗[/] {Markup.Escape(p.Id)} [red]({Back(p)})[/]");
            var others = function.SinglePoints.Where(p => !p.MissesRto).Select(p => $"{Markup.Escape(p.Id)} [dim]({Back(p)})[/]").ToList();
            var lines = missing.ToList();
            if (others.Count > 0)
            {
                lines.Add(string.Join(", ", others));
            }
            table.AddRow(
                $"[bold]{Markup.Escape(ReportText.Name(function.Id))}[/]",
                function.Tier.ToString(CultureInfo.InvariantCulture),
                function.RtoMinutes is { } rto ? ReportText.Time(rto) : "[dim]–[/]",
                lines.Count == 0 ? "[green]none: every dependency has an alternative[/]" : string.Join("\n", lines));
        }
        console.Write(table);
        var misses = report.Functions.Sum(f => f.SinglePoints.Count(p => p.MissesRto));
        if (misses == 0)
        {
            console.MarkupLine("[green]No single failure makes a critical function miss its RTO.[/]");
        }
        else
        {
            ReportText.Wrapped(cli, 0, $"✗ marks a single failure after which the function misses its RTO ({misses} in all): " +
                "the element takes longer to restore than the RTO, or nothing says when it is back.");
        }

        console.WriteLine();
        var concentration = new Table().Border(TableBorder.Rounded)
            .Title("[bold]Vendor and site concentration[/]")
            .AddColumn(new TableColumn("Vendor or site").NoWrap()).AddColumn("")
            .AddColumn(new TableColumn("Critical functions\ndepending on it").RightAligned())
            .AddColumn(new TableColumn("Taken down by\nits failure alone").RightAligned())
            .AddColumn(new TableColumn("Tier-1 functions\ntaken down").RightAligned());
        foreach (var row in report.Vendors.Concat(report.Sites))
        {
            var down = row.TakenDown.Count;
            concentration.AddRow(
                $"[bold]{Markup.Escape(row.Id)}[/]",
                $"[dim]{Markup.Escape(row.Title)}[/]",
                $"{row.DependedOnBy.Count} of {report.CriticalFunctionCount} ({Share(row.DependedOnBy.Count, report.CriticalFunctionCount)})",
                down == 0 ? "[green]0[/]" : $"[{(down * 2 > report.CriticalFunctionCount ? "red" : "yellow")}]{down}[/] ({Share(down, report.CriticalFunctionCount)})",
                $"{row.Tier1TakenDown} of {report.Tier1FunctionCount}");
        }
        console.Write(concentration);
    }

    private static string Back(SinglePoint point) => point.RestoreMinutes is { } minutes ? ReportText.Time(minutes) : "no known end";

    private static string Share(int count, int total) => total == 0 ? "–" : $"{Math.Round(100.0 * count / total, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%";
}
