using Continuity.PlanFiles;

namespace Continuity.Tests.Support;

/// <summary>Plans built in code, with resolved references as <c>PlanLoader</c> leaves them.</summary>
public static class SamplePlans
{
    public static Reference Ref(ElementKind kind, string name) => Reference.To(kind, name);

    public static PlanDocument Document(ElementKind kind, string name, ElementSpec spec, string? title = null) =>
        new(kind, new Metadata { Name = name, Title = title }, spec);

    /// <summary>A small organisation that uses every kind and nearly every property, with some
    /// values left at their defaults.</summary>
    public static Plan Full() => new(FullDocuments());

    public static List<PlanDocument> FullDocuments() =>
    [
        new(ElementKind.Organisation,
            new Metadata
            {
                Name = "acme",
                Title = "Acme Learning",
                Owner = Ref(ElementKind.Person, "ada"),
                Labels = { ["industry"] = "education", ["region"] = "eu" },
                Annotations = { ["continuity.example/source"] = "hand-made" },
            },
            new OrganisationSpec
            {
                Description = "Online courses for **schools**.",
                Scope = "Everything customers use.",
                Services =
                [
                    new ServiceInScope { Name = "platform", Title = "Customer platform", Url = "https://app.example", Description = "The app." },
                    new ServiceInScope { Name = "marketing-site" },
                ],
                ReviewIntervalMonths = 12,
                Currency = "EUR",
                Impact = new ImpactScales
                {
                    Categories = ["financial", "customer", "safety"],
                    TimePoints = [Duration.FromHours(1), Duration.FromDays(1), Duration.FromDays(7)],
                    IntolerableFrom = ImpactRating.Severe,
                },
                RestoreCapacityPerTeam = 3,
            }),
        Document(ElementKind.Site, "eu-west-1", new SiteSpec { Type = SiteType.CloudRegion, Provider = "aws", Region = "eu-west-1", Vendor = Ref(ElementKind.Vendor, "aws") }),
        Document(ElementKind.Site, "eu-west-1a", new SiteSpec { Type = SiteType.CloudZone, Within = Ref(ElementKind.Site, "eu-west-1") }),
        Document(ElementKind.Site, "berlin-office", new SiteSpec { Type = SiteType.Office, Address = "Alexanderplatz 1, Berlin", Description = "Head office." }, "Berlin office"),
        Document(ElementKind.Team, "engineering", new TeamSpec { Manager = Ref(ElementKind.Person, "ada"), ContinuityCoordinator = Ref(ElementKind.Person, "grace") }),
        Document(ElementKind.Team, "platform-team", new TeamSpec { Parent = Ref(ElementKind.Team, "engineering") }),
        Document(ElementKind.Person, "ada", new PersonSpec
        {
            Email = "ada@example.com",
            Phones = new Phones { Work = "+49 30 1234", Mobile = "+49 170 1234", Alternate = "+49 30 9999" },
            TimeZone = "Europe/Berlin",
            Location = Ref(ElementKind.Site, "berlin-office"),
            Team = Ref(ElementKind.Team, "engineering"),
            ContactVerified = new DateOnly(2026, 1, 15),
        }, "Ada Lovelace"),
        Document(ElementKind.Person, "grace", new PersonSpec
        {
            Email = "grace@example.com",
            Team = Ref(ElementKind.Team, "platform-team"),
            Manager = Ref(ElementKind.Person, "ada"),
        }),
        Document(ElementKind.Person, "charles", new PersonSpec { Email = "charles@example.com", Active = false }),
        Document(ElementKind.Role, "incident-commander", new RoleSpec
        {
            Description = "Leads the response.",
            Responsibilities = ["Declare the disruption", "Chair the bridge call"],
            CanActivatePlan = true,
            CanApprovePlans = true,
            Assignments =
            [
                new RoleAssignment { Holders = [Ref(ElementKind.Person, "ada"), Ref(ElementKind.Person, "grace")] },
                new RoleAssignment
                {
                    Team = Ref(ElementKind.Team, "platform-team"),
                    Holders = [Ref(ElementKind.Person, "grace")],
                    Recovers = [Ref(ElementKind.System, "customer-db"), Ref(ElementKind.BusinessFunction, "enrolment")],
                },
            ],
        }),
        Document(ElementKind.Role, "scribe", new RoleSpec()),
        Document(ElementKind.BusinessFunction, "enrolment", new BusinessFunctionSpec
        {
            Description = "Students enrol in courses.",
            Team = Ref(ElementKind.Team, "platform-team"),
            Tier = 1,
            Supports = ["platform"],
            PeakPeriods = ["semester start", "month end"],
            MinimumCapacity = "Existing customers only",
            Workaround = new Workaround { Description = "Paper forms", SustainableFor = Duration.FromDays(2) },
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
                    Note = "Board meeting of February.",
                },
                ByDisruption =
                {
                    [Disruption.Region] = new DisruptionObjectives { Rto = Duration.FromHours(8) },
                    [Disruption.Cyber] = new DisruptionObjectives { Rto = Duration.FromDays(2), Rpo = Duration.FromDays(1) },
                },
            },
            Impact =
            {
                ["financial"] = new() { [Duration.FromHours(1)] = ImpactRating.Minor, [Duration.FromDays(1)] = ImpactRating.Severe },
                ["customer"] = new() { [Duration.FromHours(1)] = ImpactRating.Moderate, [Duration.FromDays(1)] = ImpactRating.Major },
            },
            FinancialLoss = { [Duration.FromHours(1)] = 1_000, [Duration.FromDays(1)] = 250_000 },
            DependsOn =
            [
                new DependencySpec { On = Ref(ElementKind.System, "web-app") },
                new DependencySpec { AnyOf = [Ref(ElementKind.Person, "ada"), Ref(ElementKind.Person, "grace")], Note = "Someone must approve." },
                new DependencySpec { On = Ref(ElementKind.Vendor, "payments-co"), Type = DependencyType.Degraded, Note = "Card payments only." },
                new DependencySpec { AnyOf = [Ref(ElementKind.Site, "eu-west-1"), Ref(ElementKind.Site, "berlin-office")] },
            ],
        }),
        Document(ElementKind.BusinessFunction, "payroll", new BusinessFunctionSpec { Tier = 4 }),
        Document(ElementKind.System, "web-app", new SystemSpec
        {
            Type = SystemType.Application,
            Team = Ref(ElementKind.Team, "platform-team"),
            BusinessOwner = Ref(ElementKind.Person, "ada"),
            TechnicalOwner = Ref(ElementKind.Person, "grace"),
            Hosting = new Hosting
            {
                Provider = "aws",
                Sites = [Ref(ElementKind.Site, "eu-west-1")],
                RecoverySites = [Ref(ElementKind.Site, "berlin-office")],
                Zones = ["eu-west-1a", "eu-west-1b"],
            },
            DataClassification = DataClassification.Confidential,
            Tier = 1,
            Objectives = new SystemObjectives
            {
                Rto = Duration.FromHours(2),
                Rpo = Duration.Parse("5m"),
                RtoByDisruption = { [Disruption.Zone] = Duration.Parse("10m"), [Disruption.Region] = Duration.FromHours(8) },
            },
            Restore = new RestoreEstimate { Estimated = Duration.FromHours(1), Measured = Duration.Parse("75m"), Confidence = Confidence.Medium },
            DependsOn =
            [
                new DependencySpec { On = Ref(ElementKind.System, "customer-db") },
                new DependencySpec { On = Ref(ElementKind.Role, "incident-commander"), Type = DependencyType.Degraded },
            ],
        }),
        Document(ElementKind.System, "customer-db", new SystemSpec
        {
            Type = SystemType.Database,
            Vendor = Ref(ElementKind.Vendor, "aws"),
            Restore = new RestoreEstimate { ByVendor = true },
            ReplicationLag = Duration.Parse("1m"),
            DependsOn = [new DependencySpec { On = Ref(ElementKind.Vendor, "aws") }],
        }),
        Document(ElementKind.Vendor, "aws", new VendorSpec
        {
            Services = ["compute", "storage"],
            Contract = new Contract { Number = "AWS-42", Expires = new DateOnly(2027, 12, 31) },
            Sla = "99.99% monthly",
            ContractualRto = Duration.FromHours(4),
            ContractualResponse = Duration.Parse("15m"),
            EmergencyContacts =
            [
                new Contact { Name = "AWS support", Role = "Enterprise support", Phone = "+1 555 0100", Email = "support@aws.example", Hours = "24x7" },
                new Contact { Name = "Account manager" },
            ],
            Escalation = ["Support case", "TAM", "Account manager"],
            StatusPage = "https://health.aws.example",
            Continuity = new VendorContinuity { HasPlan = true, EvidenceSeen = new DateOnly(2026, 3, 1), Evidence = "SOC 2 type II" },
            Alternate = Ref(ElementKind.Vendor, "payments-co"),
            ExitStrategy = "Move to another cloud in 6 months.",
            RestorationCheck = "Health dashboard green.",
            DependsOn = [new DependencySpec { On = Ref(ElementKind.Site, "eu-west-1") }],
        }),
        Document(ElementKind.Vendor, "payments-co", new VendorSpec { Continuity = new VendorContinuity() }),
        Document(ElementKind.Risk, "region-outage", new RiskSpec
        {
            Threat = ThreatCategory.Technical,
            Affects = [Ref(ElementKind.Site, "eu-west-1"), Ref(ElementKind.System, "web-app")],
            Likelihood = 2,
            Impact = 5,
            Residual = new RiskRating { Likelihood = 2, Impact = 3 },
            Treatment = RiskTreatment.Transfer,
            TreatmentPlan = "Insurance and a warm standby.",
            ReviewBy = new DateOnly(2026, 9, 30),
        }),
        Document(ElementKind.Risk, "flu", new RiskSpec { Threat = ThreatCategory.Pandemic }),
        Document(ElementKind.Scenario, "lose-region", new ScenarioSpec
        {
            Risks = [Ref(ElementKind.Risk, "region-outage")],
            ActivationCriteria = ["Region down for 30 minutes", "AWS declares an outage"],
            Fails = [Ref(ElementKind.Site, "eu-west-1"), Ref(ElementKind.Role, "scribe")],
            Priority = 1,
            Disruption = Disruption.Region,
        }),
        Document(ElementKind.Procedure, "fail-over", new ProcedureSpec
        {
            Scenarios = [Ref(ElementKind.Scenario, "lose-region")],
            Recovers = [Ref(ElementKind.BusinessFunction, "enrolment")],
            Team = Ref(ElementKind.Team, "platform-team"),
            Steps =
            [
                new ProcedureStep
                {
                    Id = "declare",
                    Title = "Declare the disruption",
                    Phase = ProcedurePhase.Activation,
                    Instructions = "Open the bridge.",
                    Responsible = Ref(ElementKind.Role, "incident-commander"),
                    Backup = Ref(ElementKind.Role, "scribe"),
                    ExpectedDuration = Duration.Parse("10m"),
                    EscalateAfter = Duration.Parse("20m"),
                    Communicate = [new StepCommunication { From = Ref(ElementKind.Role, "incident-commander"), To = "staff", Channel = "chat", Template = "outage" }],
                    Vendor = Ref(ElementKind.Vendor, "aws"),
                    Verification = "Everyone on the bridge.",
                },
                new ProcedureStep { Id = "restore", Title = "Restore the database", After = ["declare"], Responsible = Ref(ElementKind.Role, "incident-commander") },
            ],
        }),
        Document(ElementKind.CommunicationPlan, "communication", new CommunicationPlanSpec
        {
            Audiences =
            [
                new Audience { Name = "staff", Type = AudienceType.Staff, Channels = ["chat", "email"], UpdateEvery = Duration.FromHours(1), ReleasedBy = Ref(ElementKind.Role, "incident-commander") },
                new Audience { Name = "customers", Type = AudienceType.Customers, Description = "Schools." },
            ],
            Channels =
            [
                new Channel { Name = "chat", Type = ChannelType.Chat, Fallback = "phone" },
                new Channel { Name = "email", Type = ChannelType.Email },
            ],
            Templates = [new MessageTemplate { Name = "outage", Audience = "staff", Channel = "chat", Subject = "Outage", Body = "{service} is down since {time}." }],
            CallTrees =
            [
                new CallTree
                {
                    Name = "leaders",
                    Title = "Leadership",
                    Hours = CallHours.AfterHours,
                    EscalateAfter = Duration.Parse("5m"),
                    IfUnreachable = "Call the next one.",
                    Root = new CallTreeNode
                    {
                        Contact = Ref(ElementKind.Role, "incident-commander"),
                        Calls = [new CallTreeNode { Contact = Ref(ElementKind.Person, "grace") }, new CallTreeNode { Contact = Ref(ElementKind.Person, "charles") }],
                    },
                },
            ],
        }),
        Document(ElementKind.BackupPolicy, "customer-db-backups", new BackupPolicySpec
        {
            System = Ref(ElementKind.System, "customer-db"),
            Method = BackupMethod.Continuous,
            Frequency = Duration.Parse("5m"),
            Retention = Duration.FromDays(35),
            Encrypted = true,
            Storage = new BackupStorage { Site = Ref(ElementKind.Site, "eu-west-1"), Location = "s3://backups" },
            Offsite = new BackupStorage { Location = "s3://offsite" },
            LocalFullBackup = new LocalFullBackup { Frequency = Duration.FromDays(1), Location = "/srv/backup" },
            Monitoring = "Alert when a backup is late.",
            RestoreValidation = new RestoreValidation { Method = "Row counts", Frequency = Duration.FromDays(30) },
            Tool = "pgbackrest",
        }),
        Document(ElementKind.BackupPolicy, "web-app-backups", new BackupPolicySpec { System = Ref(ElementKind.System, "web-app"), Method = BackupMethod.Snapshot, Frequency = Duration.FromDays(1) }),
    ];
}
