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

/// <summary>A setting the application knows: its key, what it means, its default and its bounds.</summary>
public sealed record SettingDefinition(string Key, string Title, string Help, int Default, int Minimum, int Maximum, string Unit);

/// <summary>The governance settings in effect.</summary>
public sealed record GovernanceSettings(int ApprovalQuorum)
{
    public static GovernanceSettings Defaults { get; } = new(AppSettings.ApprovalQuorum.Default);
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

    public static IReadOnlyList<SettingDefinition> All { get; } = [ApprovalQuorum];

    public async Task<GovernanceSettings> GetAsync(CancellationToken cancellationToken)
    {
        var values = await ListAsync(cancellationToken);
        return new GovernanceSettings(values.Single(v => v.Definition == ApprovalQuorum).Value);
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
}
