using System.Globalization;
using Continuity.PlanFiles;

namespace Continuity.Store;

/// <summary>The organisation's annotation that records the revision an export was taken at, so
/// that importing the edited files can tell their changes from the app's (ADR 005). It describes
/// the files, not the plan: import strips it before comparing or storing.</summary>
public static class PlanRevisionAnnotation
{
    public const string Key = "continuity.dev/revision";

    /// <summary>The plan with the revision written on its organisation.</summary>
    public static Plan Add(Plan plan, long revision) => new(plan.Documents.Select(d => d.Kind != ElementKind.Organisation ? d
        : d with { Metadata = With(d.Metadata, new Dictionary<string, string>(d.Metadata.Annotations) { [Key] = revision.ToString(CultureInfo.InvariantCulture) }) }));

    /// <summary>The plan without the annotation, and the revision it named (null when absent).</summary>
    /// <exception cref="PlanValidationException">The annotation is not a revision number.</exception>
    public static (Plan Plan, long? Revision) Strip(Plan plan)
    {
        if (plan.Organisation is not { } organisation || !organisation.Metadata.Annotations.TryGetValue(Key, out var text))
        {
            return (plan, null);
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            throw new PlanValidationException([new FieldError($"metadata.annotations.{Key}",
                $"'{text}' is not a plan revision; it is written by 'continuity export', leave it as it is or remove it.")]);
        }
        var annotations = organisation.Metadata.Annotations.Where(a => a.Key != Key).ToDictionary(a => a.Key, a => a.Value);
        var stripped = organisation with { Metadata = With(organisation.Metadata, annotations) };
        return (new Plan(plan.Documents.Select(d => ReferenceEquals(d, organisation) ? stripped : d)), revision);
    }

    private static Metadata With(Metadata metadata, Dictionary<string, string> annotations) => new()
    {
        Name = metadata.Name,
        Title = metadata.Title,
        Owner = metadata.Owner,
        Labels = metadata.Labels,
        Annotations = annotations,
    };
}
