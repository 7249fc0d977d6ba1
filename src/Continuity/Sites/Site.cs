using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Sites;

/// <summary>A place things run or people work: an office, a data centre, a cloud region or zone.</summary>
public sealed class Site : Element
{
    private Site()
    {
    }

    public Site(Metadata metadata, SiteSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public SiteType Type { get; private set; }

    public string? Provider { get; private set; }

    public string? Region { get; private set; }

    public string? Address { get; private set; }

    /// <summary>Name of the site this one sits in.</summary>
    public string? Within { get; private set; }

    /// <summary>Name of the vendor that runs the site.</summary>
    public string? Vendor { get; private set; }

    public void UpdateFromPlan(Metadata metadata, SiteSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Type = spec.Type;
        Provider = spec.Provider;
        Region = spec.Region;
        Address = spec.Address;
        Within = spec.Within?.Name;
        Vendor = spec.Vendor?.Name;
    }

    public PlanDocument ToDocument() => new(ElementKind.Site, ToMetadata(), new SiteSpec
    {
        Description = Description,
        Type = Type,
        Provider = Provider,
        Region = Region,
        Address = Address,
        Within = Columns.ToReference(ElementKind.Site, Within),
        Vendor = Columns.ToReference(ElementKind.Vendor, Vendor),
    });
}
