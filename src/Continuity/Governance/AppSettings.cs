using System.Globalization;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>One application setting as stored: only administrators change it, and every change is
/// audited (ADR 010). Settings govern the control itself (how many approvers sign a plan), so they
/// live in the application's tables and never in plan files.</summary>
public sealed class AppSetting
{
    private AppSetting()
    {
    }

    internal AppSetting(string key, string value, string changedBy, DateTime changedUtc)
    {
        Key = key;
        Set(value, changedBy, changedUtc);
    }

    public string Key { get; private set; } = "";

    public string Value { get; private set; } = "";

    public string ChangedBy { get; private set; } = "";

    public DateTime ChangedUtc { get; private set; }

    internal void Set(string value, string changedBy, DateTime changedUtc) => (Value, ChangedBy, ChangedUtc) = (value, changedBy, changedUtc);
}

/// <summary>A setting the application knows: its key, what it means, its default and its bounds.
/// <paramref name="PlanFileKey"/> names the organisation's plan-file key that gave the setting its
/// first value, for settings that once lived in plan files.</summary>
public sealed record SettingDefinition(string Key, string Title, string Help, int Default, int Minimum, int Maximum, string Unit, string? PlanFileKey = null);

/// <summary>The governance settings in effect.</summary>
/// <param name="ApprovalQuorum">Approvers who sign the consolidated plan.</param>
/// <param name="ReviewIntervalMonths">Months from a plan's approval to its next review.</param>
/// <param name="AcknowledgementThreshold">Percent of recipients who must acknowledge a published version.</param>
/// <param name="AcknowledgementReminderDays">Days after publishing (or a request) before a reminder; twice as many before escalation.</param>
public sealed record GovernanceSettings(int ApprovalQuorum, int ReviewIntervalMonths, int AcknowledgementThreshold, int AcknowledgementReminderDays)
{
    public static GovernanceSettings Defaults { get; } = new(AppSettings.ApprovalQuorum.Default, AppSettings.ReviewInterval.Default,
        AppSettings.AcknowledgementThreshold.Default, AppSettings.ReminderDays.Default);
}

/// <summary>A setting's current value, whether it is the default, and who set it when.</summary>
public sealed record SettingValue(SettingDefinition Definition, int Value, string? ChangedBy, DateTime? ChangedUtc)
{
    public bool IsDefault => ChangedBy is null;
}

/// <summary>Reads and changes the application settings.</summary>
public sealed class AppSettings(ContinuityDb db, TimeProvider clock)
{
    public const int KeyMaxLength = 64;
    public const int ValueMaxLength = 200;

    public static SettingDefinition ApprovalQuorum { get; } = new("approval-quorum", "Approvals needed for the consolidated plan",
        "How many approvers must sign the consolidated plan before it is approved (a team plan needs one). Nobody signs a plan they submitted.",
        2, 1, 20, "approvers");

    public static SettingDefinition ReviewInterval { get; } = new("review-interval-months", "Review interval",
        "Months from a plan's approval to its next review (6: twice a year, as BC.1.01 asks). The review is due then; reminders start 30 days before.",
        6, 1, 36, "months", "reviewIntervalMonths");

    public static SettingDefinition AcknowledgementThreshold { get; } = new("acknowledgement-threshold", "Acknowledgement threshold",
        "Share of the people a published plan is sent to who must acknowledge it for BC.1.01 to be met.",
        95, 1, 100, "%", "acknowledgementThreshold");

    public static SettingDefinition ReminderDays { get; } = new("reminder-days", "Reminder after",
        "Days before people who have not acknowledged a published plan, approvers of a pending plan and people asked to verify their contact details are reminded; after twice as many days, an acknowledgement still outstanding is escalated to the person's manager.",
        7, 1, 90, "days");

    public static IReadOnlyList<SettingDefinition> All { get; } = [ApprovalQuorum, ReviewInterval, AcknowledgementThreshold, ReminderDays];

    public async Task<GovernanceSettings> GetAsync(CancellationToken cancellationToken) => Of(await ListAsync(cancellationToken));

    private static GovernanceSettings Of(IReadOnlyList<SettingValue> values)
    {
        int Value(SettingDefinition definition) => values.Single(v => v.Definition == definition).Value;
        return new GovernanceSettings(Value(ApprovalQuorum), Value(ReviewInterval), Value(AcknowledgementThreshold), Value(ReminderDays));
    }

    public async Task<IReadOnlyList<SettingValue>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await db.AppSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        return [.. All.Select(d => stored.TryGetValue(d.Key, out var s) && int.TryParse(s.Value, CultureInfo.InvariantCulture, out var v)
            ? new SettingValue(d, v, s.ChangedBy, s.ChangedUtc)
            : new SettingValue(d, d.Default, null, null))];
    }

    /// <summary>Sets one setting, audited in the same transaction.</summary>
    /// <exception cref="PlanValidationException">Unknown key, or a value that is not a whole number within bounds.</exception>
    public async Task SetAsync(Actor actor, string key, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var definition = All.FirstOrDefault(d => d.Key == key)
            ?? throw new PlanValidationException([new FieldError("key", $"There is no setting '{key}'. Settings: {string.Join(", ", All.Select(d => d.Key))}.")]);
        if (!int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < definition.Minimum || number > definition.Maximum)
        {
            throw new PlanValidationException([new FieldError(definition.Key,
                $"{definition.Title} must be a whole number from {definition.Minimum} to {definition.Maximum}; '{value}' is not.")]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.AppSettings.SingleOrDefaultAsync(s => s.Key == definition.Key, cancellationToken);
        var before = row?.Value ?? definition.Default.ToString(CultureInfo.InvariantCulture);
        var after = number.ToString(CultureInfo.InvariantCulture);
        if (row is null)
        {
            db.AppSettings.Add(new AppSetting(definition.Key, after, actor.Name, now));
        }
        else
        {
            row.Set(after, actor.Name, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, new AuditRecord(actor.Name, actor.Channel, "setting.changed", $"setting:{definition.Key}", null,
            [new FieldChange(definition.Key, before, after)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The first time a plan brings an organisation, the settings that used to be its
    /// plan-file keys (<see cref="SettingDefinition.PlanFileKey"/>) take the file's values, audited
    /// as set by who wrote the plan. From then on only an administrator changes them: the keys in
    /// plan files are ignored (<see cref="IgnoredPlanFileKeys"/>), so nobody turns the control green by
    /// editing a file. Runs inside the plan writer's transaction.</summary>
    internal static async Task AdoptFromPlanAsync(ContinuityDb db, Actor actor, DateTime nowUtc, PlanFiles.OrganisationSpec organisation, CancellationToken cancellationToken)
    {
        var stored = await db.AppSettings.Select(s => s.Key).ToListAsync(cancellationToken);
        var records = new List<AuditRecord>();
        foreach (var (definition, value) in FileValues(organisation).Where(f => !stored.Contains(f.Definition.Key)))
        {
            var text = Math.Clamp(value, definition.Minimum, definition.Maximum).ToString(CultureInfo.InvariantCulture);
            db.AppSettings.Add(new AppSetting(definition.Key, text, actor.Name, nowUtc));
            records.Add(new AuditRecord(actor.Name, actor.Channel, "setting.adopted", $"setting:{definition.Key}", null,
                [new FieldChange(definition.Key, null, text)]));
        }
        if (records.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await AuditLog.AppendAsync(db, nowUtc, records, cancellationToken);
        }
    }

    private static IEnumerable<(SettingDefinition Definition, int Value)> FileValues(PlanFiles.OrganisationSpec organisation) =>
    [
        (ReviewInterval, organisation.ReviewIntervalMonths),
        (AcknowledgementThreshold, organisation.AcknowledgementThreshold),
    ];

    /// <summary>The organisation's plan-file keys whose values differ from the settings in effect,
    /// with both values: what pages and imports report as ignored.</summary>
    public static IReadOnlyList<(string PlanFileKey, int InFile, SettingValue Setting)> IgnoredPlanFileKeys(PlanFiles.OrganisationSpec organisation, IReadOnlyList<SettingValue> settings)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(settings);
        return [.. FileValues(organisation)
            .Select(f => (f.Definition.PlanFileKey!, f.Value, settings.Single(s => s.Definition == f.Definition)))
            .Where(f => f.Value != f.Item3.Value)];
    }
}
