using Continuity.Generation;

namespace Continuity.Benchmarks;

/// <summary>The organisations the benchmarks run on.</summary>
public enum OrganisationSize
{
    /// <summary>A tenth of <see cref="Large"/>: 200 functions, 1,000 systems, 5,000 dependencies.
    /// Comparing it with Large shows whether an operation grows linearly.</summary>
    Small,

    /// <summary><see cref="GenerationOptions.Large"/>: 2,000 functions, 10,000 systems,
    /// 50,000 dependencies — the size the performance targets are set for.</summary>
    Large,
}

public static class Organisations
{
    public static GenerationOptions Options(OrganisationSize size) => size switch
    {
        OrganisationSize.Small => GenerationOptions.Large with
        {
            Functions = 200,
            Systems = 1_000,
            Dependencies = 5_000,
            Vendors = 40,
            Sites = 8,
            People = 300,
            Teams = 12,
            Risks = 20,
            Scenarios = 8,
            Procedures = 10,
        },
        OrganisationSize.Large => GenerationOptions.Large,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    public static OrganisationSize Parse(string text) =>
        Enum.TryParse<OrganisationSize>(text, ignoreCase: true, out var size)
            ? size
            : throw new ArgumentException($"Unknown size '{text}'; use {string.Join(" or ", Enum.GetNames<OrganisationSize>())}.", nameof(text));
}
