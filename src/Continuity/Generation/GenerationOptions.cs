namespace Continuity.Generation;

/// <summary>The size and shape of a synthetic organisation. Every count is honoured exactly.</summary>
public sealed record GenerationOptions
{
    /// <summary>The same seed and options always give the same plan.</summary>
    public int Seed { get; init; } = 1;

    public int Functions { get; init; } = 20;

    /// <summary>Systems of every type: about 30% applications, 30% services, 20% data stores and
    /// 20% infrastructure.</summary>
    public int Systems { get; init; } = 100;

    public int Vendors { get; init; } = 10;

    public int Sites { get; init; } = 6;

    /// <summary>At least one; the first of each team manages it and never leaves.</summary>
    public int People { get; init; } = 60;

    /// <summary>At least one.</summary>
    public int Teams { get; init; } = 8;

    /// <summary>The number of dependency edges: every target of a <c>dependsOn</c> entry counts
    /// once, so <c>on: x</c> is one edge and <c>anyOf: [a, b]</c> is two. Defaults to
    /// <see cref="DependenciesPerNode"/> × (functions + systems).</summary>
    public int? Dependencies { get; init; }

    /// <summary>Average edges per function or system, used when <see cref="Dependencies"/> is not set.</summary>
    public double DependenciesPerNode { get; init; } = 2.5;

    /// <summary>The probability (0–1) that a <c>dependsOn</c> entry is a redundancy group
    /// (<c>anyOf</c> of two or three alternatives of the same layer) rather than a single target.</summary>
    public double RedundancyShare { get; init; } = 0.1;

    public int Risks { get; init; } = 12;

    public int Scenarios { get; init; } = 5;

    public int Procedures { get; init; } = 5;

    /// <summary>Backup policies; by default one for every database and data store. They cover
    /// data stores first, then the other systems, round-robin.</summary>
    public int? BackupPolicies { get; init; }

    /// <summary>The dependency edges to generate (see <see cref="Dependencies"/>).</summary>
    public int TotalDependencies => Dependencies ?? (int)Math.Round(DependenciesPerNode * (Functions + Systems));

    /// <summary>A large organisation, for benchmarks and load tests: 2,000 functions,
    /// 10,000 systems, 50,000 dependencies.</summary>
    public static GenerationOptions Large { get; } = new()
    {
        Functions = 2_000,
        Systems = 10_000,
        Dependencies = 50_000,
        Vendors = 400,
        Sites = 40,
        People = 3_000,
        Teams = 120,
        Risks = 200,
        Scenarios = 40,
        Procedures = 60,
    };

    internal void Validate()
    {
        static void AtLeast(int value, int minimum, string name)
        {
            if (value < minimum)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
            }
        }

        AtLeast(Functions, 0, nameof(Functions));
        AtLeast(Systems, 0, nameof(Systems));
        AtLeast(Vendors, 0, nameof(Vendors));
        AtLeast(Sites, 0, nameof(Sites));
        AtLeast(People, 1, nameof(People));
        AtLeast(Teams, 1, nameof(Teams));
        AtLeast(Risks, 0, nameof(Risks));
        AtLeast(Scenarios, 0, nameof(Scenarios));
        AtLeast(Procedures, 0, nameof(Procedures));
        AtLeast(BackupPolicies ?? 0, 0, nameof(BackupPolicies));
        AtLeast(TotalDependencies, 0, nameof(Dependencies));
        if (RedundancyShare is < 0 or > 1 || double.IsNaN(RedundancyShare))
        {
            throw new ArgumentOutOfRangeException(nameof(RedundancyShare), RedundancyShare, "RedundancyShare must be between 0 and 1.");
        }
        if (BackupPolicies > 0 && Systems == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BackupPolicies), BackupPolicies, "Backup policies need at least one system.");
        }
    }
}
