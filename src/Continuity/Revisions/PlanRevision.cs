namespace Continuity.Revisions;

/// <summary>The single row that numbers the plan's content (ADR 005). Every change to the plan
/// increments it in the change's own transaction; sign-ins, acknowledgements and other records
/// do not. Caches are keyed by it; governance freezes a version at one.</summary>
public sealed class PlanRevision
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Number { get; set; }

    public DateTime? ChangedUtc { get; set; }

    /// <summary>The plan's revision now, with one query.</summary>
    public static Task<long> CurrentAsync(Data.ContinuityDb db, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.PlanRevision.Where(r => r.Id == SingletonId).Select(r => r.Number), cancellationToken);
}

/// <summary>The content of one element as it was at one revision (canonical JSON of its plan
/// document; null once removed): the base of a three-way import of files exported at that revision.</summary>
public sealed class ElementVersion
{
    private ElementVersion()
    {
    }

    public ElementVersion(PlanFiles.ElementKind kind, string name, long revision, string? document)
    {
        Kind = kind;
        Name = name;
        Revision = revision;
        Document = document;
    }

    public PlanFiles.ElementKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public long Revision { get; private set; }

    public string? Document { get; private set; }
}
