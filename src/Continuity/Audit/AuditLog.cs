using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Audit;

/// <summary>Appends to and verifies the hash-chained audit log.</summary>
public static class AuditLog
{
    /// <summary>Appends the records in order, inside the caller's transaction (one is started and
    /// committed here when there is none). The chain head row is locked first — an update that
    /// changes nothing takes PostgreSQL's row lock, and SQLite's write transactions are already
    /// exclusive — so two writers append one after the other, never from the same head.</summary>
    public static async Task AppendAsync(ContinuityDb db, DateTime nowUtc, IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.AuditHead.Where(h => h.Id == AuditHead.SingletonId)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.Sequence, h => h.Sequence), cancellationToken);
            var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);

            var at = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            var entries = new List<AuditEntry>(records.Count);
            var (sequence, hash) = (head.Sequence, head.Hash);
            foreach (var record in records)
            {
                var entry = new AuditEntry(++sequence, at, record, hash);
                entries.Add(entry);
                hash = entry.Hash;
            }
            await BulkInsert.InsertAsync(db, entries, cancellationToken);
            await db.AuditHead.Where(h => h.Id == AuditHead.SingletonId)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash), cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    public static Task AppendAsync(ContinuityDb db, DateTime nowUtc, AuditRecord record, CancellationToken cancellationToken) =>
        AppendAsync(db, nowUtc, [record], cancellationToken);

    /// <summary>Recomputes the chain from the first entry and names the first broken link: an
    /// entry whose content no longer gives its hash, whose previous hash is not its predecessor's,
    /// a gap in the numbering, or a head that does not point at the last entry.</summary>
    public static async Task<AuditVerification> VerifyAsync(ContinuityDb db, CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        var head = await db.AuditHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingletonId, cancellationToken)
            ?? new AuditHead();
        var (expectedSequence, previous) = (1L, AuditEntry.Genesis);
        var checkedCount = 0L;
        const int page = 5000;
        while (true)
        {
            var from = expectedSequence;
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Take(page).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return AuditVerification.Broken(checkedCount, expectedSequence,
                        $"entry {expectedSequence} is missing (the next entry is {entry.Sequence})");
                }
                if (entry.PreviousHash != previous)
                {
                    return AuditVerification.Broken(checkedCount, entry.Sequence,
                        $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: its previous hash is {Short(entry.PreviousHash)}, entry {entry.Sequence - 1} hashes to {Short(previous)}");
                }
                if (entry.ComputeHash() != entry.Hash)
                {
                    return AuditVerification.Broken(checkedCount, entry.Sequence,
                        $"entry {entry.Sequence} ({entry.Action} {entry.Subject} by {entry.Actor} at {entry.AtUtc:yyyy-MM-dd HH:mm:ss} UTC) was changed after it was written: its content no longer gives its hash");
                }
                previous = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
            progress?.Report(checkedCount);
            if (entries.Count < page)
            {
                break;
            }
        }
        if (head.Sequence != checkedCount || head.Hash != previous)
        {
            return AuditVerification.Broken(checkedCount, checkedCount + 1,
                head.Sequence > checkedCount
                    ? $"the chain ends at entry {checkedCount}, but {head.Sequence} were written: the last {head.Sequence - checkedCount} were removed"
                    : $"the chain head records entry {head.Sequence} ({Short(head.Hash)}) but the last entry is {checkedCount} ({Short(previous)})");
        }
        return new AuditVerification(true, checkedCount, null, null, previous);
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}

/// <summary>The outcome of <see cref="AuditLog.VerifyAsync"/>.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Problem, string? HeadHash)
{
    internal static AuditVerification Broken(long entriesChecked, long sequence, string problem) =>
        new(false, entriesChecked, sequence, problem, null);
}
