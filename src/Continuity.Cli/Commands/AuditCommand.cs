using System.CommandLine;
using System.Globalization;
using Continuity.Audit;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Cli.Commands;

public static class AuditCommand
{
    public static Command Create(CliContext cli) => new("audit", "The audit log: every change to the plan and every audited event, hash-chained so that an edited, removed or reordered entry is detected.")
    {
        Verify(cli),
        List(cli),
    };

    private static Command Verify(CliContext cli)
    {
        var command = new Command("verify",
            "Recompute the audit log's hash chain from the first entry and name the first broken link. Exit codes: 0 the chain is intact, 1 it is broken, 3 database unavailable, 70 internal error.")
        {
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var db = services.Db;
            var result = await cli.WithProgressAsync("Verifying the audit log…", () => AuditLog.VerifyAsync(db, cancellationToken));
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(new { intact = result.Intact, entries = result.EntriesChecked, firstBroken = result.FirstBrokenSequence, problem = result.Problem, head = result.HeadHash });
            }
            else if (result.Intact)
            {
                cli.Console.MarkupLine($"[green]✓ The audit log is intact: {ValidateCommand.Plural((int)Math.Min(result.EntriesChecked, int.MaxValue), "entry", "entries")} verified, head {result.HeadHash}.[/]");
            }
            else
            {
                cli.Fail($"The audit log is broken at entry {result.FirstBrokenSequence}: {result.Problem}.");
            }
            return result.Intact ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var subject = new Option<string>("--subject") { Description = "Only entries about this element or account (function:payroll, user:ana@example.org)." };
        var actor = new Option<string>("--actor") { Description = "Only entries by this actor (an e-mail address, or cli:USER)." };
        var since = new Option<DateTime?>("--since") { Description = "Only entries at or after this UTC date or time (2026-12-01, 2026-12-01T08:00)." };
        var limit = new Option<int>("--limit") { Description = "The most recent N entries (default 50).", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "The most recent audit entries, newest first, with each field before → after.\n" + ExitCodes.Help)
        {
            subject,
            actor,
            since,
            limit,
            ValidateCommand.Format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var db = services.Db;
            var query = db.AuditEntries.AsNoTracking();
            if (parse.GetValue(subject) is { } s)
            {
                query = query.Where(e => e.Subject == s);
            }
            if (parse.GetValue(actor) is { } a)
            {
                query = query.Where(e => e.Actor == a);
            }
            if (parse.GetValue(since) is { } from)
            {
                var fromUtc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
                query = query.Where(e => e.AtUtc >= fromUtc);
            }
            var entries = await query.OrderByDescending(e => e.Sequence).Take(Math.Max(1, parse.GetValue(limit))).ToListAsync(cancellationToken);
            if (parse.GetValue(ValidateCommand.Format) == "json")
            {
                cli.WriteJson(entries.Select(e => new
                {
                    sequence = e.Sequence,
                    at = e.AtUtc,
                    actor = e.Actor,
                    channel = e.Channel.ToString(),
                    action = e.Action,
                    subject = e.Subject,
                    revision = e.Revision,
                    changes = e.FieldChanges.Select(c => new { field = c.Field, before = c.Before, after = c.After }),
                }));
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded).Title("Audit log")
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn("At (UTC)").AddColumn("Actor").AddColumn("Action")
                .AddColumn("Subject").AddColumn(new TableColumn("Rev").RightAligned()).AddColumn("Changes");
            foreach (var e in entries)
            {
                var changes = e.FieldChanges;
                var shown = string.Join("\n", changes.Take(5).Select(c => $"{c.Field}: {c.Before ?? "—"} → {c.After ?? "—"}"))
                    + (changes.Count > 5 ? $"\n… {changes.Count - 5} more" : "");
                table.AddRow(e.Sequence.ToString(CultureInfo.InvariantCulture), e.AtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(e.Actor), Markup.Escape(e.Action), Markup.Escape(e.Subject ?? ""),
                    e.Revision?.ToString(CultureInfo.InvariantCulture) ?? "", Markup.Escape(shown));
            }
            cli.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
