using System.CommandLine;
using System.Globalization;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Reports;

namespace Continuity.Cli.Commands;

public static class ImpactCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new AnalysisInput();
        var fail = FailOption("What fails: a tag (region=eu-west-1, vendor=aws, site=boston-office, any label) or an element (system:license-db). Repeat for several.");
        fail.Required = true;
        var capacity = CapacityOption();
        var command = new Command("impact", "What if something fails? Every business function it takes down, when each is back and breaches its RTO and MTPD, " +
            "its impact over time from the BIA, the scenarios and procedures that apply, and the order to recover in.\n" + ExitCodes.Help)
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
            if (CapacityOf(cli, parse, capacity, loaded) is not { } perTeam)
            {
                return ExitCodes.InvalidInput;
            }
            var selectors = parse.GetValue(fail) ?? [];
            var report = await cli.WithProgressAsync("Working out the impact…",
                () => Task.Run(() => ImpactAnalysis.Run(loaded.Plan, loaded.Snapshot, selectors, perTeam)));
            if (format == "json")
            {
                cli.Output.WriteLine(ReportJson.Serialize(report));
            }
            else if (report.IsValid)
            {
                Print(cli, report);
            }
            else
            {
                PrintProblems(cli, report.Problems);
            }
            return !report.IsValid ? ExitCodes.InvalidInput
                : report.Functions.Any(f => f.Rto?.Outcome == DeadlineOutcome.Breached || f.Mtpd?.Outcome == DeadlineOutcome.Breached)
                    || report.Recovery?.MissedRto.Count > 0 ? ExitCodes.Findings
                : ExitCodes.Success;
        });
        return command;
    }

    internal static Option<string[]> FailOption(string description) => new("--fail")
    {
        Description = description,
        HelpName = "tag-or-id",
        Arity = ArgumentArity.OneOrMore,
    };

    internal static Option<int?> CapacityOption() => new("--capacity")
    {
        Description = "Restores one team runs at once (default: the organisation's restoreCapacityPerTeam).",
        HelpName = "n",
    };

    internal static int? CapacityOf(CliContext cli, ParseResult parse, Option<int?> capacity, LoadedPlan loaded)
    {
        var value = parse.GetValue(capacity) ?? ImpactAnalysis.CapacityPerTeam(loaded.Plan);
        if (value < 1)
        {
            cli.Fail("--capacity must be 1 or more.");
            return null;
        }
        return value;
    }

    internal static void PrintProblems(CliContext cli, IReadOnlyList<SelectorProblem> problems)
    {
        foreach (var problem in problems)
        {
            var where = problem.Written.Length == 0 ? "" : $"--fail {problem.Written}: ";
            cli.Fail(where + problem.Message + (problem.DidYouMean is null ? "" : $" ({problem.DidYouMean})"));
        }
        var tags = problems[0].KnownTags;
        if (tags.Count > 0)
        {
            cli.ErrorConsole.MarkupLine("[dim]Tags in this plan:[/]");
            foreach (var byKey in tags.GroupBy(t => t[..t.IndexOf('=', StringComparison.Ordinal)]))
            {
                var values = byKey.Select(t => t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
                var shown = string.Join(", ", values.Take(12)) + (values.Count > 12 ? $", … ({values.Count - 12} more)" : "");
                cli.ErrorConsole.MarkupLine($"  [bold]{Markup.Escape(byKey.Key)}[/]= {Markup.Escape(shown)}");
            }
            cli.ErrorConsole.MarkupLine("[dim]Or name one element as kind:name, for example system:license-db.[/]");
        }
    }

    private static void Print(CliContext cli, ImpactReport report)
    {
        ReportText.Widen(cli);
        var console = cli.Console;
        var scale = report.Scale;
        console.MarkupLine($"[bold]What if {Markup.Escape(string.Join(" and ", report.Fail))} {(report.Fail.Count == 1 ? "fails" : "fail")}?[/]");
        ReportText.Wrapped(cli, 2, "Fails: " + string.Join(", ", report.Failed.Select(f => f.Id)), hanging: 4);
        if (report.OpenEnded.Count > 0)
        {
            console.MarkupLine($"  [yellow]No known end:[/] {Markup.Escape(string.Join(", ", report.OpenEnded.Select(f => f.Id)))} " +
                "[dim](what waits for it is timed from when it is back)[/]");
        }
        console.MarkupLine($"  {ValidateCommand.Plural(report.DownCount, "element")} down: " +
            $"{ValidateCommand.Plural(report.Functions.Count, "business function")} down, {report.Degraded.Count} degraded.");

        if (report.Functions.Count > 0)
        {
            console.WriteLine();
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]Business functions down[/]")
                .AddColumn(new TableColumn("Function").NoWrap()).AddColumn(new TableColumn("Tier").Centered()).AddColumn("Back")
                .AddColumn(new TableColumn("RTO").RightAligned()).AddColumn("RTO breach")
                .AddColumn(new TableColumn("MTPD").RightAligned()).AddColumn("MTPD breach")
                .AddColumn("Worst impact").AddColumn(new TableColumn("Loss").RightAligned());
            foreach (var function in report.Functions)
            {
                table.AddRow(
                    $"[bold]{Markup.Escape(ReportText.Name(function.Id))}[/]",
                    function.Tier.ToString(CultureInfo.InvariantCulture),
                    Back(function),
                    function.Rto is { } rto ? ReportText.Time(rto.Minutes) : "[dim]–[/]",
                    Breach(function.Rto),
                    function.Mtpd is { } mtpd ? ReportText.Time(mtpd.Minutes) : "[dim]–[/]",
                    Breach(function.Mtpd),
                    Worst(function.Impact, scale),
                    function.Impact.Loss is { } loss ? $"{ReportText.Money(loss, scale.Currency)}\n[dim]by {ReportText.Time(function.Impact.LossAtMinutes!.Value)}[/]" : "[dim]–[/]");
            }
            console.Write(table);
            if (report.Functions.Any(f => f.EstimateMissing))
            {
                ReportText.Wrapped(cli, 2, "* counts a restore with no estimate in the plan as instant: it may be later.", "yellow");
            }

            foreach (var function in report.Functions)
            {
                console.MarkupLine($"  [bold]{Markup.Escape(ReportText.Name(function.Id))}[/] — {Markup.Escape(function.Title)} [dim]({Markup.Escape(function.Id)})[/]");
                if (function.CriticalPath.Count > 1)
                {
                    ReportText.Wrapped(cli, 4, "critical path: " + string.Join(" ← ", function.CriticalPath.Skip(1)), "dim", "critical path:".Length, hanging: 4);
                }
                if (function.Impact.Points.Count > 0)
                {
                    var horizon = function.Recovery == RecoveryKind.At ? "impact until it is back:" : "impact if not back by then:";
                    ReportText.Wrapped(cli, 4, $"{horizon} " + string.Join(" → ", function.Impact.Points.Select(p => Point(p, scale))), "dim", horizon.Length, hanging: 4);
                }
            }
        }

        if (report.Degraded.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Still running, degraded[/]");
            foreach (var function in report.Degraded)
            {
                console.MarkupLine($"  {Markup.Escape(function.Id)} [dim](tier {function.Tier})[/] — without {Markup.Escape(string.Join(", ", function.Because))}");
            }
        }

        console.WriteLine();
        if (report.Scenarios.Count == 0)
        {
            console.MarkupLine("[yellow]No scenario of the plan covers this failure, so no procedure is written for it.[/]");
        }
        else
        {
            console.MarkupLine("[bold]Scenarios and procedures that apply[/]");
            foreach (var scenario in report.Scenarios)
            {
                var match = scenario.AllDown ? "everything it names is down" : $"matches {string.Join(", ", scenario.Matches)}";
                console.MarkupLine($"  [bold]{Markup.Escape(scenario.Id)}[/] — {Markup.Escape(scenario.Title)} [dim](priority {scenario.Priority}; {Markup.Escape(match)})[/]");
                foreach (var procedure in scenario.Procedures)
                {
                    var team = procedure.Team is null ? "" : $" [dim]({Markup.Escape(procedure.Team)})[/]";
                    var recovers = procedure.Recovers.Count == 0 ? "" : $" [dim]recovers {Markup.Escape(string.Join(", ", procedure.Recovers))}[/]";
                    console.MarkupLine($"    {Markup.Escape(procedure.Id)} — {Markup.Escape(procedure.Title)}{team}{recovers}");
                }
                if (scenario.Procedures.Count == 0)
                {
                    console.MarkupLine("    [yellow]no procedure is written for this scenario[/]");
                }
            }
        }

        if (report.Recovery is { } recovery)
        {
            console.WriteLine();
            RecoveryOrderCommand.PrintSchedule(cli, recovery);
        }
    }

    private static string Back(FunctionImpact function)
    {
        var outages = Markup.Escape(string.Join(" / ", function.WaitsFor.Select(ReportText.Name)));
        var back = function.Recovery switch
        {
            RecoveryKind.At => ReportText.Time(function.BackAtMinutes!.Value),
            // Both parts: the restores that do not wait for the outage, and the time after it ends.
            RecoveryKind.AfterOutage when function.BackAtMinutes > function.AfterOutageMinutes =>
                $"at the latest of\n{ReportText.Time(function.BackAtMinutes!.Value)} and\n{AfterOutage(function, outages)}",
            RecoveryKind.AfterOutage => AfterOutage(function, outages),
            _ => "[red]never[/]",
        };
        return function.EstimateMissing ? back + " [yellow]*[/]" : back;
    }

    private static string AfterOutage(FunctionImpact function, string outages) => function.AfterOutageMinutes == 0
        ? $"when\n{outages}\nis back"
        : $"{ReportText.Time(function.AfterOutageMinutes!.Value)} after\n{outages}\nis back";

    private static string Breach(Deadline? deadline) => deadline switch
    {
        null => "[dim]–[/]",
        { Outcome: DeadlineOutcome.Met } => "[green]met[/]",
        { Outcome: DeadlineOutcome.Breached, LateByMinutes: { } late } => $"[red]at {ReportText.Time(deadline.Minutes)}[/]\n{ReportText.Time(late)} late",
        { Outcome: DeadlineOutcome.Breached } => $"[red]at {ReportText.Time(deadline.Minutes)}[/]",
        _ => $"[yellow]at {ReportText.Time(deadline.Minutes)}[/]\nunless back\nwithin {ReportText.Time(deadline.OutageEndsByMinutes!.Value)}",
    };

    private static string Worst(ImpactTimeline impact, BiaScale scale)
    {
        if (impact.Worst is not { } worst)
        {
            return impact.Points.Count == 0 && impact.HorizonMinutes is { } horizon && scale.TimePoints.Count > 0 && horizon < scale.TimePoints[0]
                ? $"[dim]back before {ReportText.Time(scale.TimePoints[0])}[/]"
                : "[dim]–[/]";
        }
        var at = impact.Points.First(p => p.Worst == worst).Minutes;
        var colour = worst >= scale.IntolerableFrom ? "red" : worst >= ImpactRating.Moderate ? "yellow" : "green";
        return $"[{colour}]{ReportText.Rating(worst)}[/]\n[dim]from {ReportText.Time(at)}[/]";
    }

    private static string Point(ImpactPoint point, BiaScale scale)
    {
        var rating = point.Worst is { } worst ? ReportText.Rating(worst) + (point.Intolerable ? " (intolerable)" : "") : "not rated";
        var loss = point.Loss is { } amount ? $", {ReportText.Money(amount, scale.Currency)}" : "";
        return $"{ReportText.Time(point.Minutes)} {rating}{loss}";
    }
}

/// <summary>How the analysis commands print times, money and ratings.</summary>
internal static class ReportText
{
    /// <summary>Minutes as days, hours and minutes: 6h 35m, 1d, 2d 4h.</summary>
    public static string Time(int minutes) => Duration.Readable(minutes);

    public static string Money(long amount, string currency) => $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}";

    public static string Rating(ImpactRating rating) => Naming.EnumValue(rating);

    /// <summary>The name of an element id (<c>site:aws-eu-west-1</c> → <c>aws-eu-west-1</c>).</summary>
    public static string Name(string id) => id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>Plain text word-wrapped to the console's width, every line indented (lines after
    /// the first by <paramref name="hanging"/> more); styled throughout, or only its first
    /// <paramref name="styledUpTo"/> characters when that is given.</summary>
    public static void Wrapped(CliContext cli, int indent, string text, string? style = null, int styledUpTo = int.MaxValue, int hanging = 0)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var width = Math.Max(40, cli.Console.Profile.Width - indent - (lines.Count > 0 ? hanging : 0) - 1);
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                line.Append(line.Length > 0 ? " " : "").Append(word);
            }
            lines.Add(line.ToString());
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var styled = style is null ? Markup.Escape(line)
                : styledUpTo == int.MaxValue ? $"[{style}]{Markup.Escape(line)}[/]"
                : i == 0 && styledUpTo < line.Length ? $"[{style}]{Markup.Escape(line[..styledUpTo])}[/]{Markup.Escape(line[styledUpTo..])}"
                : Markup.Escape(line);
            cli.Console.MarkupLine(new string(' ', indent + (i > 0 ? hanging : 0)) + styled);
        }
    }

    /// <summary>Tables need room: when the output is not a terminal (a file, a pipe, a test), lay them out 120 columns wide.</summary>
    public static void Widen(CliContext cli)
    {
        if (!cli.Interactive && cli.Console.Profile.Width < 120)
        {
            cli.Console.Profile.Width = 120;
        }
    }
}
