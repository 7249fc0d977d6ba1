using System.CommandLine;
using System.Globalization;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Reports;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Cli.Commands;

/// <summary><c>continuity plan …</c>: the governance of the plan held in the database (ADR 010).</summary>
public static class PlanCommand
{
    private static readonly Option<string> Scope = new("--scope")
    {
        Description = "Which plan: organisation (the consolidated plan, default) or team:NAME (a team plan).",
        DefaultValueFactory = _ => PlanScope.OrganisationName,
    };

    public static Command Create(CliContext cli) => new("plan", "The plan's governance: the control status, its versions (immutable snapshots with a SHA-256 content hash), what changed between them, submitting the plan for approval, and the approval PDF. Works on the database (see --connection-string).")
    {
        Status(cli),
        Versions(cli),
        Diff(cli),
        Submit(cli),
        Document(cli),
    };

    private static Command Document(CliContext cli)
    {
        var number = new Argument<int>("VERSION") { Description = "The version's number within --scope (1, 2, …)." };
        var pdf = new Option<string>("--pdf") { Description = "Write the approval PDF — the exact bytes stored when the version was approved — to this file.", Required = true };
        var command = new Command("document", "Write the plan document of an approved version as the PDF rendered and stored at its approval (headless Chromium, " +
            "the content hash in every page header), and print its SHA-256. The web app renders it; this command hands out the stored record.\n" +
            "Exit codes: 0 written, 1 the version has no approval PDF (not approved, or Chromium was missing at approval: render it on the version's page), " +
            "2 invalid arguments or no such version, 3 database unavailable or the file cannot be written, 70 internal error.")
        {
            number,
            Scope,
            pdf,
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryScope(cli, parse, out var scope))
            {
                return ExitCodes.InvalidInput;
            }
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var n = parse.GetValue(number);
            if (await services.Get<PlanVersions>().FindAsync(scope, n, cancellationToken) is not { } version)
            {
                cli.Fail($"{scope.Title} has no version {n}. See 'continuity plan versions{(scope.IsOrganisation ? "" : $" --scope {scope}")}'.");
                return ExitCodes.InvalidInput;
            }
            var db = services.Get<ContinuityDb>();
            if (await db.ApprovalDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.VersionId == version.Id, cancellationToken) is not { } document)
            {
                cli.Fail(version.State is VersionState.Approved or VersionState.Published or VersionState.Superseded
                    ? $"{version.Label} is approved but its PDF was not rendered (Chromium was not available): render it on the version's page in the web app."
                    : $"{version.Label} is {VersionWorkflow.StateWords(version.State)}: the PDF is rendered when it is approved.");
                return ExitCodes.Findings;
            }
            var file = parse.GetValue(pdf)!;
            try
            {
                await File.WriteAllBytesAsync(file, document.Pdf, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                cli.Fail($"Cannot write {file}: {e.Message}");
                return ExitCodes.Environment;
            }
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(new { version = version.Label, file, sha256 = document.Sha256, bytes = document.Pdf.Length, renderedUtc = document.RenderedUtc, contentHash = version.ContentHash });
            }
            else
            {
                cli.Console.MarkupLine($"[green]✓ Wrote {Spectre.Console.Markup.Escape(file)}[/]: the approval PDF of {Spectre.Console.Markup.Escape(version.Label)} ({document.Pdf.Length:N0} bytes).");
                cli.Console.MarkupLine($"  PDF SHA-256:     {document.Sha256}");
                cli.Console.MarkupLine($"  Content SHA-256: {version.ContentHash}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(CliContext cli)
    {
        var command = new Command("status", "The control status evaluated from the data, as on the web's Control status page: BC.1.01–BC.1.04 and " +
            "BU.1.01–BU.1.03 each met, at risk or not met, with the evidence behind every requirement, the SOC 2 mapping and every plan's review cycle.\n" +
            "Exit codes: 0 BC.1.01 is met (or at risk), 1 BC.1.01 is not met, 2 invalid arguments, 3 database unavailable, 70 internal error.")
        {
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var evaluation = await services.Get<ControlStatus>().EvaluateAsync(cancellationToken);
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(GovernanceJson.Controls(evaluation));
            }
            else
            {
                static string Mark(ControlState state) => state switch { ControlState.Met => "[green]✓ met[/]", ControlState.AtRisk => "[yellow]! at risk[/]", _ => "[red]✗ not met[/]" };
                cli.Console.MarkupLine(Markup.Escape($"Control status, {evaluation.AsOfUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"));
                foreach (var control in evaluation.Controls)
                {
                    cli.Console.WriteLine();
                    cli.Console.MarkupLine($"[bold]{Markup.Escape($"{control.Id} {control.Title}")}[/]  {Mark(control.State)}  [grey]SOC 2 {string.Join(", ", control.Soc2)}{(control.PartialEvidence ? " · partial evidence" : "")}[/]");
                    foreach (var requirement in control.Requirements)
                    {
                        cli.Console.MarkupLine($"  {Mark(requirement.State)}  {Markup.Escape(requirement.Requirement)}");
                        cli.Console.MarkupLine($"      {Markup.Escape(requirement.Status)}");
                    }
                }
                cli.Console.WriteLine();
                foreach (var review in evaluation.Reviews)
                {
                    cli.Console.MarkupLine(Markup.Escape($"{Capitalised(review.Scope.Title)}: {(review.Version is { } v ? $"{v} approved {review.ApprovedUtc:yyyy-MM-dd}, " : "")}{review.Words}."));
                }
                cli.Console.MarkupLine("The evidence links: --format json, or the Control status page of the web app.");
            }
            return evaluation.PlanControlMet ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static Command Versions(CliContext cli)
    {
        var all = new Option<bool>("--all") { Description = "Every scope (the consolidated plan and every team plan), not only --scope." };
        var verify = new Option<bool>("--verify") { Description = "Recompute each version's SHA-256 from its stored snapshot; exit 1 if any differs." };
        var command = new Command("versions", "The versions of a plan, newest first: number, state, content hash, revision, who submitted it when.\n" +
            "Exit codes: 0 success, 1 a version's hash does not match its snapshot (--verify), 2 invalid arguments, 3 database unavailable, 70 internal error.")
        {
            Scope,
            all,
            verify,
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryScope(cli, parse, out var scope))
            {
                return ExitCodes.InvalidInput;
            }
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var versions = await services.Get<PlanVersions>().ListAsync(parse.GetValue(all) ? null : scope, cancellationToken);
            Dictionary<string, bool>? verified = null;
            if (parse.GetValue(verify))
            {
                var rows = await services.Db.PlanVersions.AsNoTracking().Select(v => new { v.Scope, v.Number, v.Content, v.ContentHash }).ToListAsync(cancellationToken);
                verified = rows.ToDictionary(v => $"{v.Scope}@{v.Number}", v => VersionSnapshot.HashOf(v.Content) == v.ContentHash, StringComparer.Ordinal);
            }
            var broken = verified?.Where(v => !v.Value && versions.Any(s => s.Label == v.Key)).Select(v => v.Key).Order(StringComparer.Ordinal).ToList() ?? [];
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(new { versions = versions.Select(v => GovernanceJson.Version(v, verified?.GetValueOrDefault(v.Label))) });
            }
            else if (versions.Count == 0)
            {
                cli.Console.MarkupLine(Markup.Escape($"{(parse.GetValue(all) ? "The plan" : Capitalised(scope.Title))} has no versions yet: `continuity plan submit` freezes the plan as it is into version 1."));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).Title(parse.GetValue(all) ? "Plan versions" : $"Versions of {scope.Title}")
                    .AddColumn("Version").AddColumn("State").AddColumn("Content hash").AddColumn(new TableColumn("Rev").RightAligned())
                    .AddColumn(new TableColumn("Elements").RightAligned()).AddColumn("Submitted").AddColumn("Note");
                foreach (var v in versions)
                {
                    var hash = $"{v.ContentHash[..12]}…" + (verified is null ? "" : verified.GetValueOrDefault(v.Label) ? " [green]✓[/]" : " [red]✗ altered[/]");
                    table.AddRow(Markup.Escape(v.Label), GovernanceJson.StateWords(v.State).Replace('-', ' '), hash,
                        v.Revision.ToString(CultureInfo.InvariantCulture), v.Elements.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape($"{v.SubmittedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} by {v.SubmittedBy}"), Markup.Escape(v.Note ?? ""));
                }
                cli.Console.Write(table);
                cli.Console.MarkupLine("The full SHA-256 of each version: --format json.");
            }
            foreach (var label in broken)
            {
                cli.Fail($"The snapshot of {label} no longer gives its recorded content hash: it was altered outside Continuity.");
            }
            return broken.Count > 0 ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    private static Command Diff(CliContext cli)
    {
        var from = new Argument<int>("FROM") { Description = "The earlier version's number." };
        var to = new Argument<string>("TO") { Description = "The later version's number, or draft (default): the plan as it is now.", DefaultValueFactory = _ => "draft" };
        var command = new Command("diff", "What changed between two versions of a plan (or a version and the plan as it is now), element by element and in words: \"RTO of Customer login: 4h → 2h.\"\n" +
            "Exit codes: 0 no changes, 1 there are changes, 2 invalid arguments (no such version or scope), 3 database unavailable, 70 internal error.")
        {
            from,
            to,
            Scope,
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryScope(cli, parse, out var scope))
            {
                return ExitCodes.InvalidInput;
            }
            var later = parse.GetValue(to)!;
            int? laterNumber = null;
            if (later != "draft")
            {
                if (!int.TryParse(later, CultureInfo.InvariantCulture, out var n))
                {
                    cli.Fail($"TO is a version number or draft, not '{later}'.");
                    return ExitCodes.InvalidInput;
                }
                laterNumber = n;
            }
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            VersionComparison comparison;
            try
            {
                comparison = await services.Get<PlanVersions>().CompareAsync(scope, parse.GetValue(from), laterNumber, cancellationToken);
            }
            catch (PlanValidationException invalid)
            {
                cli.Fail($"{invalid.Errors[0].Message} `continuity plan versions --scope {scope}` lists them.");
                return ExitCodes.InvalidInput;
            }
            var (fromLabel, afterLabel, changes) = comparison;
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(GovernanceJson.Diff(fromLabel, afterLabel, changes));
            }
            else if (changes.Count == 0)
            {
                cli.Console.MarkupLine($"[green]No changes[/] between {Markup.Escape(fromLabel)} and {Markup.Escape(afterLabel)}.");
            }
            else
            {
                cli.Console.MarkupLine($"[bold]{Markup.Escape(fromLabel)} → {Markup.Escape(afterLabel)}[/]: {ValidateCommand.Plural(changes.Count, "element", "elements")} changed.");
                foreach (var change in changes)
                {
                    var mark = change.Change switch { ElementChangeKind.Added => "[green]+[/]", ElementChangeKind.Removed => "[red]−[/]", _ => "[yellow]~[/]" };
                    cli.Console.MarkupLine($"{mark} [bold]{Markup.Escape(change.Id)}[/]");
                    foreach (var sentence in change.Sentences)
                    {
                        cli.Console.MarkupLine($"    {Markup.Escape(sentence)}");
                    }
                }
            }
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static Command Submit(CliContext cli)
    {
        var note = new Option<string>("--note") { Description = "What changed and why: kept with the version and shown to reviewers and approvers." };
        var reviewers = new Option<string[]>("--reviewer")
        {
            Description = "A user (sign-in e-mail) to review the version before sign-off; repeat for several. Without reviewers the version waits for approval at once.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("submit", "Freeze the plan as it is now into its next version (the consolidated plan, or a team plan with --scope team:NAME): " +
            "in review when reviewers are named, otherwise waiting for approval; an open earlier version of the scope is returned. " +
            "Refused when nothing changed since the latest version. Reviewing and signing happen in the browser or through the API.\n" +
            "Exit codes: 0 submitted, 2 invalid arguments (no such team, note too long, a reviewer who is not a user), 3 database unavailable, 4 nothing new to submit or another submission meanwhile, 70 internal error.")
        {
            Scope,
            note,
            reviewers,
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryScope(cli, parse, out var scope))
            {
                return ExitCodes.InvalidInput;
            }
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Write, cancellationToken);
            try
            {
                var version = await services.Get<PlanVersions>().SubmitAsync(Actor.CommandLine(), scope, parse.GetValue(note), cancellationToken, parse.GetValue(reviewers) ?? []);
                if (parse.GetValue(ValidateCommand.Format) == "json")
                {
                    cli.WriteJson(GovernanceJson.Version(version.Summary));
                }
                else
                {
                    cli.Console.MarkupLine($"[green]✓ Submitted {Markup.Escape(version.Label)}[/] ({ValidateCommand.Plural(version.Elements, "element", "elements")} at revision {version.Revision}), " +
                        (version.State == VersionState.InReview ? "in review." : "waiting for approval."));
                    cli.Console.MarkupLine($"  Content hash (SHA-256): {version.ContentHash}");
                    if (version.OpenErrorList.Count > 0)
                    {
                        cli.Console.MarkupLine($"  [yellow]{version.OpenErrorList.Count} unwaived error finding(s) recorded with it[/]: approving it needs a written justification.");
                    }
                }
                return ExitCodes.Success;
            }
            catch (PlanValidationException invalid)
            {
                cli.Fail(invalid.Message);
                return ExitCodes.InvalidInput;
            }
            catch (PlanConflictException conflict)
            {
                cli.Fail(conflict.Message);
                return ExitCodes.Conflict;
            }
        });
        return command;
    }

    private static bool TryScope(CliContext cli, ParseResult parse, out PlanScope scope)
    {
        if (PlanScope.TryParse(parse.GetValue(Scope), out var parsed))
        {
            scope = parsed;
            return true;
        }
        cli.Fail($"--scope is organisation or team:NAME, not '{parse.GetValue(Scope)}'.");
        scope = PlanScope.Organisation;
        return false;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
