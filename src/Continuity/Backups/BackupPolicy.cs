using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Backups;

/// <summary>How a system's data is backed up, where the copies are kept and how restores are validated.</summary>
public sealed class BackupPolicy : Element
{
    private BackupPolicy()
    {
    }

    public BackupPolicy(Metadata metadata, BackupPolicySpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    /// <summary>Name of the system backed up.</summary>
    public string? System { get; private set; }

    public BackupMethod Method { get; private set; }

    public int? FrequencyMinutes { get; private set; }

    public int? RetentionMinutes { get; private set; }

    public bool Encrypted { get; private set; }

    /// <summary>Name of the site where the backups are kept.</summary>
    public string? StorageSite { get; private set; }

    public string? StorageLocation { get; private set; }

    /// <summary>Name of the site of the offsite copy.</summary>
    public string? OffsiteSite { get; private set; }

    public string? OffsiteLocation { get; private set; }

    public int? LocalFullBackupFrequencyMinutes { get; private set; }

    public string? LocalFullBackupLocation { get; private set; }

    public string? Monitoring { get; private set; }

    /// <summary>How a restore is proven; null when the plan states no restore validation.</summary>
    public string? RestoreValidationMethod { get; private set; }

    public int? RestoreValidationFrequencyMinutes { get; private set; }

    public string? Tool { get; private set; }

    public void UpdateFromPlan(Metadata metadata, BackupPolicySpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        System = spec.System?.Name;
        Method = spec.Method;
        FrequencyMinutes = Columns.ToMinutes(spec.Frequency);
        RetentionMinutes = Columns.ToMinutes(spec.Retention);
        Encrypted = spec.Encrypted;
        StorageSite = spec.Storage?.Site?.Name;
        StorageLocation = spec.Storage?.Location;
        OffsiteSite = spec.Offsite?.Site?.Name;
        OffsiteLocation = spec.Offsite?.Location;
        LocalFullBackupFrequencyMinutes = Columns.ToMinutes(spec.LocalFullBackup?.Frequency);
        LocalFullBackupLocation = spec.LocalFullBackup?.Location;
        Monitoring = spec.Monitoring;
        RestoreValidationMethod = spec.RestoreValidation?.Method;
        RestoreValidationFrequencyMinutes = Columns.ToMinutes(spec.RestoreValidation?.Frequency);
        Tool = spec.Tool;
    }

    public PlanDocument ToDocument() => new(ElementKind.BackupPolicy, ToMetadata(), new BackupPolicySpec
    {
        Description = Description,
        System = Columns.ToReference(ElementKind.System, System),
        Method = Method,
        Frequency = Columns.ToDuration(FrequencyMinutes),
        Retention = Columns.ToDuration(RetentionMinutes),
        Encrypted = Encrypted,
        Storage = Storage(StorageSite, StorageLocation),
        Offsite = Storage(OffsiteSite, OffsiteLocation),
        LocalFullBackup = LocalFullBackupFrequencyMinutes is null && LocalFullBackupLocation is null ? null : new LocalFullBackup
        {
            Frequency = Columns.ToDuration(LocalFullBackupFrequencyMinutes),
            Location = LocalFullBackupLocation,
        },
        Monitoring = Monitoring,
        RestoreValidation = RestoreValidationMethod is null && RestoreValidationFrequencyMinutes is null ? null : new RestoreValidation
        {
            Method = RestoreValidationMethod ?? "",
            Frequency = Columns.ToDuration(RestoreValidationFrequencyMinutes),
        },
        Tool = Tool,
    });

    private static BackupStorage? Storage(string? site, string? location) =>
        site is null && location is null ? null : new BackupStorage { Site = Columns.ToReference(ElementKind.Site, site), Location = location };
}
