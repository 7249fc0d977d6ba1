using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Communication;

/// <summary>The communication plan: audiences, channels, message templates and call trees.</summary>
public sealed class CommunicationPlan : Element
{
    private CommunicationPlan()
    {
    }

    public CommunicationPlan(Metadata metadata, CommunicationPlanSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public IReadOnlyList<Audience> Audiences { get; private set; } = [];

    public IReadOnlyList<Channel> Channels { get; private set; } = [];

    public IReadOnlyList<MessageTemplate> Templates { get; private set; } = [];

    public IReadOnlyList<CallTree> CallTrees { get; private set; } = [];

    public void UpdateFromPlan(Metadata metadata, CommunicationPlanSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Audiences = Columns.Copy(spec.Audiences);
        Channels = Columns.Copy(spec.Channels);
        Templates = Columns.Copy(spec.Templates);
        CallTrees = Columns.Copy(spec.CallTrees);
    }

    public PlanDocument ToDocument() => new(ElementKind.CommunicationPlan, ToMetadata(), new CommunicationPlanSpec
    {
        Description = Description,
        Audiences = [.. Audiences],
        Channels = [.. Channels],
        Templates = [.. Templates],
        CallTrees = [.. CallTrees],
    });
}
