using Continuity.Audit;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Audit;

/// <summary>The hash chain on a real database, once per provider: tampering with any stored
/// entry is found and named, and concurrent writers never fork the chain.</summary>
public abstract class AuditLogTests(TestDatabases databases)
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Editing_the_changes_of_an_entry_is_found_at_that_entry()
    {
        await using var database = await databases.CreateAsync();
        await AppendAsync(database, 5);
        await using var db = database.Open();

        await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteUpdateAsync(set => set.SetProperty(e => e.Changes, "[]"), Ct);
        var result = await AuditLog.VerifyAsync(db, Ct);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("entry 3", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_the_actor_of_an_entry_is_found_at_that_entry()
    {
        await using var database = await databases.CreateAsync();
        await AppendAsync(database, 5);
        await using var db = database.Open();

        await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'mallory@example.org' WHERE \"Sequence\" = 2", Ct);
        var result = await AuditLog.VerifyAsync(db, Ct);

        Assert.Equal((false, 2L), (result.Intact, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Removing_the_last_entry_is_found()
    {
        await using var database = await databases.CreateAsync();
        await AppendAsync(database, 5);
        await using var db = database.Open();

        await db.AuditEntries.Where(e => e.Sequence == 5).ExecuteDeleteAsync(Ct);
        var result = await AuditLog.VerifyAsync(db, Ct);

        Assert.False(result.Intact);
        Assert.Contains("removed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_appends_from_several_contexts_never_fork_the_chain()
    {
        await using var database = await databases.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await using var db = database.Open();
                await AuditLog.AppendAsync(db, At, new AuditRecord($"writer-{writer}", AuditChannel.Api, "sign-in", $"user:{i}"), Ct);
            }
        }, Ct)));

        await using var check = database.Open();
        var result = await AuditLog.VerifyAsync(check, Ct);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));
    }

    private static async Task AppendAsync(TestDatabase database, int count)
    {
        await using var db = database.Open();
        for (var i = 1; i <= count; i++)
        {
            await AuditLog.AppendAsync(db, At.AddMinutes(i), new AuditRecord("ana@example.org", AuditChannel.Form, "updated", "function:payroll", i,
                [new FieldChange("spec.tier", $"{i}", $"{i + 1}")]), Ct);
        }
    }
}

public sealed class SqliteAuditLogTests(SqliteDatabases databases) : AuditLogTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresAuditLogTests(PostgresDatabases databases) : AuditLogTests(databases), IClassFixture<PostgresDatabases>;
