using Continuity.PlanFiles;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Snapshots;

/// <summary>A small organisation with one of every kind of requirement, worked out by hand in
/// <see cref="PlanSnapshotTests"/>. Node order (kind, then name): functions enrolment, payroll,
/// support; systems cache, customer-db, ledger, web-app; vendors aws, payments-co; sites office,
/// region-eu, region-us, zone-a; people ada, charles, grace; roles incident-commander, scribe.</summary>
public static class SnapshotPlans
{
    public static Plan Acme() => new(AcmeDocuments());

    public static List<PlanDocument> AcmeDocuments() =>
    [
        Document(ElementKind.Organisation, "acme", new OrganisationSpec()),
        Document(ElementKind.Team, "platform", new TeamSpec()),
        Document(ElementKind.Team, "finance", new TeamSpec()),

        Document(ElementKind.Site, "region-eu", new SiteSpec { Type = SiteType.CloudRegion, Region = "eu-west-1", Vendor = Ref(ElementKind.Vendor, "aws") }),
        Document(ElementKind.Site, "zone-a", new SiteSpec
        {
            Type = SiteType.CloudZone,
            Within = Ref(ElementKind.Site, "region-eu"),
            Vendor = Ref(ElementKind.Vendor, "aws"),
        }),
        new(ElementKind.Site, new Metadata { Name = "region-us", Labels = { ["region"] = "us-east-1", ["tier"] = "standby" } },
            new SiteSpec { Type = SiteType.CloudRegion, Region = "us-east-1", Vendor = Ref(ElementKind.Vendor, "aws") }),
        Document(ElementKind.Site, "office", new SiteSpec { Type = SiteType.Office }, "Head office"),

        Document(ElementKind.Vendor, "aws", new VendorSpec { ContractualRto = Duration.FromHours(4) }),
        Document(ElementKind.Vendor, "payments-co", new VendorSpec { DependsOn = [new DependencySpec { On = Ref(ElementKind.Vendor, "aws") }] }),

        Document(ElementKind.Person, "ada", new PersonSpec { Email = "ada@example.com" }),
        Document(ElementKind.Person, "grace", new PersonSpec { Email = "grace@example.com" }),
        Document(ElementKind.Person, "charles", new PersonSpec { Email = "charles@example.com", Active = false }),

        Document(ElementKind.Role, "incident-commander", new RoleSpec
        {
            Assignments =
            [
                new RoleAssignment { Holders = [Ref(ElementKind.Person, "ada"), Ref(ElementKind.Person, "grace")] },
                new RoleAssignment { Team = Ref(ElementKind.Team, "platform"), Holders = [Ref(ElementKind.Person, "grace"), Ref(ElementKind.Person, "charles")] },
            ],
        }),
        Document(ElementKind.Role, "scribe", new RoleSpec()),

        new(ElementKind.System, new Metadata { Name = "web-app", Labels = { ["service"] = "platform" } }, new SystemSpec
        {
            Type = SystemType.Application,
            Team = Ref(ElementKind.Team, "platform"),
            Tier = 1,
            Hosting = new Hosting { Sites = [Ref(ElementKind.Site, "region-eu"), Ref(ElementKind.Site, "region-us")] },
            Objectives = new SystemObjectives { Rto = Duration.FromHours(2), Rpo = Duration.Parse("5m") },
            Restore = new RestoreEstimate { Estimated = Duration.FromHours(1), Measured = Duration.Parse("75m") },
            DependsOn =
            [
                new DependencySpec { On = Ref(ElementKind.System, "customer-db") },
                new DependencySpec { On = Ref(ElementKind.Role, "incident-commander"), Type = DependencyType.Degraded },
                new DependencySpec { AnyOf = [Ref(ElementKind.Vendor, "payments-co"), Ref(ElementKind.System, "ledger")] },
            ],
        }),
        Document(ElementKind.System, "customer-db", new SystemSpec
        {
            Type = SystemType.Database,
            Team = Ref(ElementKind.Team, "platform"),
            Tier = 1,
            Vendor = Ref(ElementKind.Vendor, "aws"),
            Hosting = new Hosting { Sites = [Ref(ElementKind.Site, "zone-a")] },
            Restore = new RestoreEstimate { Estimated = Duration.FromHours(6) },
            ReplicationLag = Duration.Parse("1m"),
            DependsOn = [new DependencySpec { On = Ref(ElementKind.System, "cache"), Type = DependencyType.Degraded }],
        }),
        Document(ElementKind.System, "ledger", new SystemSpec { Type = SystemType.DataStore, Team = Ref(ElementKind.Team, "finance"), Tier = 2 }),
        Document(ElementKind.System, "cache", new SystemSpec { Type = SystemType.Application, Hosting = new Hosting { Provider = "self" } }),

        Document(ElementKind.BackupPolicy, "customer-db-nightly", new BackupPolicySpec
        {
            System = Ref(ElementKind.System, "customer-db"),
            Method = BackupMethod.Full,
            Frequency = Duration.FromDays(1),
        }),
        Document(ElementKind.BackupPolicy, "customer-db-wal", new BackupPolicySpec
        {
            System = Ref(ElementKind.System, "customer-db"),
            Method = BackupMethod.Continuous,
            Frequency = Duration.Parse("5m"),
        }),

        Document(ElementKind.BusinessFunction, "enrolment", new BusinessFunctionSpec
        {
            Team = Ref(ElementKind.Team, "platform"),
            Tier = 1,
            Objectives = new RecoveryObjectives
            {
                Mtpd = Duration.FromDays(1),
                Rto = Duration.FromHours(4),
                Rpo = Duration.Parse("15m"),
                Approved = new ObjectivesApproval
                {
                    By = Ref(ElementKind.Person, "ada"),
                    On = new DateOnly(2026, 2, 1),
                    Mtpd = Duration.FromDays(1),
                    Rto = Duration.FromHours(4),
                    Rpo = Duration.Parse("15m"),
                },
            },
            DependsOn =
            [
                new DependencySpec { On = Ref(ElementKind.System, "web-app") },
                new DependencySpec { AnyOf = [Ref(ElementKind.Person, "grace"), Ref(ElementKind.Person, "ada")] },
                new DependencySpec { On = Ref(ElementKind.Vendor, "payments-co"), Type = DependencyType.Degraded },
                new DependencySpec { AnyOf = [Ref(ElementKind.Site, "region-eu"), Ref(ElementKind.Site, "office")] },
            ],
        }, "Student enrolment"),
        Document(ElementKind.BusinessFunction, "payroll", new BusinessFunctionSpec
        {
            Team = Ref(ElementKind.Team, "finance"),
            Tier = 4,
            Objectives = new RecoveryObjectives
            {
                Rto = Duration.FromDays(1),
                Approved = new ObjectivesApproval { By = Ref(ElementKind.Person, "ada"), On = new DateOnly(2026, 2, 1), Rto = Duration.FromDays(2) },
            },
        }),
        Document(ElementKind.BusinessFunction, "support", new BusinessFunctionSpec { Tier = 3 }),
    ];
}
