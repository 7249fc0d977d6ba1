using Continuity.PlanFiles;

namespace Continuity.Generation;

/// <summary>Generates a valid plan of any size with the shape of a real organisation, for
/// benchmarks, load tests and demos. Dependencies are layered — functions → applications →
/// services → data stores → infrastructure → sites → vendors — and only ever point to a lower
/// layer, so there are no cycles. A few shared nodes are very popular (fan-in), part of the
/// entries are redundancy groups, and every reference names an element of the plan.
/// The output depends only on the options: no clock, no global randomness.</summary>
public static class SyntheticOrganisation
{
    /// <summary>The day the synthetic plan is written as of; every date is relative to it.</summary>
    public static readonly DateOnly AsOf = new(2026, 1, 15);

    public static Plan Generate(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Builder(options).Build();
    }

    // Layers of the dependency graph, top to bottom. Edges only go from a layer to a lower one.
    private const int FunctionLayer = 0;
    private const int ApplicationLayer = 1;
    private const int ServiceLayer = 2;
    private const int DataLayer = 3;
    private const int InfrastructureLayer = 4;
    private const int SiteLayer = 5;
    private const int VendorLayer = 6;
    private const int LayerCount = 7;

    private static readonly string[] LayerLabels = ["function", "application", "service", "data", "infrastructure", "site", "vendor"];
    private static readonly double[] SourceWeights = [3.0, 2.5, 2.0, 1.2, 1.0, 0, 0];

    private static readonly string[] Areas =
    [
        "billing", "customer", "orders", "payroll", "inventory", "identity", "search", "reporting", "shipping", "claims",
        "payments", "pricing", "catalogue", "support", "marketing", "analytics", "scheduling", "documents", "compliance", "treasury",
    ];

    private static readonly string[] FirstNames =
    [
        "Ada", "Ben", "Carla", "Deniz", "Emil", "Fatima", "Giulia", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nora",
        "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tamar", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia",
    ];

    private static readonly string[] LastNames =
    [
        "Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist",
        "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka", "Urquhart", "Varga", "Weber", "Yilmaz",
    ];

    private static readonly string[] TimeZones = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "Asia/Singapore", "Australia/Sydney"];

    private static readonly string[] Cities = ["London", "Berlin", "New York", "Chicago", "Singapore", "Sydney", "Lisbon", "Warsaw"];

    private static readonly (string Provider, string Region)[] CloudRegions =
    [
        ("aws", "eu-west-1"), ("aws", "us-east-1"), ("gcp", "europe-west3"), ("azure", "westeurope"), ("aws", "ap-southeast-1"), ("gcp", "us-central1"),
    ];

    private static readonly string[] Companies =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Wonka",
    ];

    private static readonly string[] Departments = ["Finance", "Operations", "Engineering", "Sales", "Support", "People", "Legal", "Facilities", "Platform", "Data"];

    // Recovery objectives follow the criticality tier. The maximum tolerable period of disruption
    // is one of the BIA time points, so the impact grid can turn intolerable exactly there.
    private static readonly Duration[][] MtpdByTier =
    [
        [Duration.FromHours(4), Duration.FromDays(1)],
        [Duration.FromDays(1), Duration.FromDays(3)],
        [Duration.FromDays(3), Duration.FromDays(7)],
        [Duration.FromDays(7), Duration.FromDays(14)],
    ];

    private static readonly Duration[] NiceDurations =
    [
        new(15), new(30), Duration.FromHours(1), Duration.FromHours(2), Duration.FromHours(4), Duration.FromHours(8), Duration.FromHours(12),
        Duration.FromDays(1), Duration.FromDays(2), Duration.FromDays(3), Duration.FromDays(5), Duration.FromDays(7), Duration.FromDays(10),
    ];

    private static readonly string[] Slas = ["99.5% monthly", "99.9% monthly", "99.95% monthly", "99.99% monthly"];

    private static readonly Duration[] VendorRtos = [Duration.FromHours(4), Duration.FromHours(8), Duration.FromDays(1), Duration.FromDays(3)];

    private static readonly Duration[] VendorResponses = [new(15), new(30), Duration.FromHours(1), Duration.FromHours(4)];

    private static readonly BackupMethod[] BackupMethods = [BackupMethod.Full, BackupMethod.Incremental, BackupMethod.Snapshot, BackupMethod.Continuous, BackupMethod.Replication];

    private static readonly Duration[] BackupFrequencies = [new(15), Duration.FromHours(1), Duration.FromHours(4), Duration.FromDays(1)];

    private static readonly Duration[] Retentions = [Duration.FromDays(7), Duration.FromDays(30), Duration.FromDays(90)];

    private static readonly string[] BackupTools = ["restic", "pgbackrest", "velero", "aws-backup"];

    private static readonly ProcedurePhase[] Phases =
    [
        ProcedurePhase.Activation, ProcedurePhase.Assessment, ProcedurePhase.Recovery, ProcedurePhase.Recovery, ProcedurePhase.Reconstitution, ProcedurePhase.StandDown,
    ];

    private static readonly string[] RoleNames = ["incident-commander", "communications-lead", "it-recovery-lead", "facilities-lead", "vendor-manager", "team-recovery-lead"];

    private sealed class Builder
    {
        private readonly GenerationOptions _options;
        private readonly Random _random;
        private readonly List<PlanDocument> _documents = [];
        private readonly OrganisationSpec _organisation = new();

        // Node index space of the dependency graph: functions, then systems by layer, then sites, then vendors.
        private readonly int[] _layerStart = new int[LayerCount + 1];
        private string[] _nodeNames = [];
        private ElementKind[] _nodeKinds = [];
        private int[] _rankToNode = [];
        private SystemType[] _systemTypes = [];
        private int[] _systemVendor = [];

        private readonly List<int> _activePeople = [];
        private int[] _personTeam = [];
        private bool[] _hasLeft = [];
        private readonly List<List<int>> _activeByTeam = [];
        private SiteSpec[] _siteSpecs = [];
        private readonly List<int> _offices = [];
        private readonly List<int> _hostingSites = [];
        private SystemSpec[] _systemSpecs = [];

        private Duration[] _functionRto = [];
        private Duration[] _systemRto = [];

        private readonly List<DependencySpec>[] _dependsOn;
        private int[] _edgeStart = [];
        private int[] _edgeTarget = [];
        private bool[] _edgeBinds = [];
        private string[] _personNames = [];
        private string[] _teamNames = [];

        public Builder(GenerationOptions options)
        {
            _options = options;
            _random = new Random(options.Seed);
            _dependsOn = new List<DependencySpec>[options.Functions + options.Systems];
        }

        public Plan Build()
        {
            LayOutNodes();
            AssignPeople();
            AddTeams();
            AddSites();
            AddPeople();
            AddVendors();
            AddOrganisation();
            AddRoles();
            AddCommunicationPlan();
            AddDependencies();
            AddFunctions();
            AddSystems();
            AddRisksScenariosAndProcedures();
            AddBackupPolicies();
            return new Plan(_documents);
        }

        // ------------------------------------------------------------ names and layers

        private static string Name(string prefix, int index) => $"{prefix}-{index + 1:D5}";

        private int Functions => _options.Functions;

        private int Systems => _options.Systems;

        private int SystemNode(int system) => Functions + system;

        private int SiteNode(int site) => _layerStart[SiteLayer] + site;

        private int VendorNode(int vendor) => _layerStart[VendorLayer] + vendor;

        private int LayerSize(int layer) => _layerStart[layer + 1] - _layerStart[layer];

        private Reference Ref(int node) => Reference.To(_nodeKinds[node], _nodeNames[node]);

        private Reference Person(int person) => Reference.To(ElementKind.Person, _personNames[person]);

        private Reference Team(int team) => Reference.To(ElementKind.Team, _teamNames[team]);

        private static Reference Role(string name) => Reference.To(ElementKind.Role, name);

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        private bool Chance(double probability) => _random.NextDouble() < probability;

        private int ActivePerson() => _activePeople[_random.Next(_activePeople.Count)];

        private static Metadata Meta(string name, string? title, Reference? owner = null, string? area = null, string? layer = null)
        {
            var metadata = new Metadata { Name = name, Title = title, Owner = owner };
            if (area is not null)
            {
                metadata.Labels["area"] = area;
            }
            if (layer is not null)
            {
                metadata.Labels["layer"] = layer;
            }
            return metadata;
        }

        private void Add(ElementKind kind, Metadata metadata, ElementSpec spec) => _documents.Add(new PlanDocument(kind, metadata, spec));

        private void LayOutNodes()
        {
            // Systems by layer: 30% applications, 30% services, 20% data, the rest infrastructure;
            // each layer gets at least one system when there are enough to go round.
            var systems = Systems;
            var sizes = new int[LayerCount];
            sizes[FunctionLayer] = Functions;
            sizes[ApplicationLayer] = (int)Math.Round(systems * 0.3);
            sizes[ServiceLayer] = (int)Math.Round(systems * 0.3);
            sizes[DataLayer] = (int)Math.Round(systems * 0.2);
            if (systems >= 4)
            {
                for (var layer = ApplicationLayer; layer <= DataLayer; layer++)
                {
                    sizes[layer] = Math.Max(1, sizes[layer]);
                }
            }
            sizes[InfrastructureLayer] = systems - sizes[ApplicationLayer] - sizes[ServiceLayer] - sizes[DataLayer];
            if (sizes[InfrastructureLayer] < 0)
            {
                sizes[DataLayer] += sizes[InfrastructureLayer];
                sizes[InfrastructureLayer] = 0;
            }
            sizes[SiteLayer] = _options.Sites;
            sizes[VendorLayer] = _options.Vendors;
            for (var layer = 0; layer < LayerCount; layer++)
            {
                _layerStart[layer + 1] = _layerStart[layer] + sizes[layer];
            }

            var nodes = _layerStart[LayerCount];
            _nodeNames = new string[nodes];
            _nodeKinds = new ElementKind[nodes];
            for (var f = 0; f < Functions; f++)
            {
                _nodeNames[f] = Name("fn", f);
                _nodeKinds[f] = ElementKind.BusinessFunction;
            }

            // System numbers are shuffled so that names say nothing about the layer.
            var numbers = Permutation(systems);
            _systemTypes = new SystemType[systems];
            _systemVendor = new int[systems];
            for (var s = 0; s < systems; s++)
            {
                var node = SystemNode(s);
                _nodeNames[node] = Name("sys", numbers[s]);
                _nodeKinds[node] = ElementKind.System;
                _systemTypes[s] = LayerOf(node) switch
                {
                    ApplicationLayer => _random.NextDouble() switch
                    {
                        < 0.7 => SystemType.Application,
                        < 0.9 => SystemType.Saas,
                        _ => SystemType.EndUser,
                    },
                    ServiceLayer => SystemType.Service,
                    DataLayer => Chance(0.7) ? SystemType.Database : SystemType.DataStore,
                    _ => _random.NextDouble() switch
                    {
                        < 0.6 => SystemType.Infrastructure,
                        < 0.85 => SystemType.Network,
                        _ => SystemType.Facility,
                    },
                };
                _systemVendor[s] = _systemTypes[s] == SystemType.Saas && _options.Vendors > 0 ? _random.Next(_options.Vendors) : -1;
            }
            for (var i = 0; i < _options.Sites; i++)
            {
                _nodeNames[SiteNode(i)] = Name("site", i);
                _nodeKinds[SiteNode(i)] = ElementKind.Site;
            }
            for (var i = 0; i < _options.Vendors; i++)
            {
                _nodeNames[VendorNode(i)] = Name("vendor", i);
                _nodeKinds[VendorNode(i)] = ElementKind.Vendor;
            }

            // Popularity: within each layer, rank r is held by a random node, and targets are
            // drawn with a strong bias to low ranks, so a few nodes gather most of the fan-in.
            _rankToNode = new int[nodes];
            for (var layer = 0; layer < LayerCount; layer++)
            {
                var order = Permutation(LayerSize(layer));
                for (var r = 0; r < order.Length; r++)
                {
                    _rankToNode[_layerStart[layer] + r] = _layerStart[layer] + order[r];
                }
            }
        }

        private int LayerOf(int node)
        {
            var layer = 0;
            while (node >= _layerStart[layer + 1])
            {
                layer++;
            }
            return layer;
        }

        private int[] Permutation(int count)
        {
            var items = new int[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = i;
            }
            _random.Shuffle(items);
            return items;
        }

        // ------------------------------------------------------------ people, teams, sites, vendors

        private void AssignPeople()
        {
            var people = _options.People;
            var teams = _options.Teams;
            _personTeam = new int[people];
            _hasLeft = new bool[people];
            _personNames = new string[people];
            _teamNames = new string[teams];
            for (var t = 0; t < teams; t++)
            {
                _teamNames[t] = Name("team", t);
                _activeByTeam.Add([]);
            }
            for (var p = 0; p < people; p++)
            {
                _personNames[p] = Name("person", p);
                _personTeam[p] = p % teams;
                // The first person of each team manages it and stays.
                _hasLeft[p] = p >= teams && Chance(0.03);
                if (!_hasLeft[p])
                {
                    _activePeople.Add(p);
                    _activeByTeam[_personTeam[p]].Add(p);
                }
            }
        }

        private void AddTeams()
        {
            for (var t = 0; t < _options.Teams; t++)
            {
                var members = _activeByTeam[t];
                var manager = members.Count > 0 ? members[0] : _activePeople[t % _activePeople.Count];
                var coordinator = members.Count > 1 ? members[1] : manager;
                var department = Departments[t % Departments.Length];
                Add(ElementKind.Team, Meta(_teamNames[t], $"{department} {t + 1}", Person(manager)), new TeamSpec
                {
                    Parent = t == 0 ? null : Team((t - 1) / 5),
                    Manager = Person(manager),
                    ContinuityCoordinator = Person(coordinator),
                });
            }
        }

        private void AddPeople()
        {
            for (var p = 0; p < _options.People; p++)
            {
                var first = FirstNames[_random.Next(FirstNames.Length)];
                var last = LastNames[_random.Next(LastNames.Length)];
                var team = _personTeam[p];
                var teamManager = _activeByTeam[team].Count > 0 ? _activeByTeam[team][0] : 0;
                int? manager = p == teamManager ? (p == 0 ? null : 0) : teamManager;
                var location = _offices.Count > 0 ? _offices[_random.Next(_offices.Count)] : _options.Sites > 0 ? _random.Next(_options.Sites) : -1;
                Add(ElementKind.Person, Meta(_personNames[p], $"{first} {last}"), new PersonSpec
                {
                    Email = $"{first}.{last}.{p + 1}@example.com".ToLowerInvariant(),
                    Phones = new Phones
                    {
                        Work = $"+44 20 7946 0{_random.Next(1000):D3}",
                        Mobile = Chance(0.9) ? $"+44 7700 900{_random.Next(1000):D3}" : null,
                    },
                    TimeZone = Pick(TimeZones),
                    Location = location < 0 ? null : Ref(SiteNode(location)),
                    Team = Team(team),
                    Manager = manager is { } m ? Person(m) : null,
                    Active = !_hasLeft[p],
                    ContactVerified = AsOf.AddDays(-_random.Next(450)),
                });
            }
        }

        private void AddSites()
        {
            _siteSpecs = new SiteSpec[_options.Sites];
            var lastRegion = -1;
            for (var i = 0; i < _options.Sites; i++)
            {
                var spec = new SiteSpec();
                _siteSpecs[i] = spec;
                string title;
                switch (i % 4)
                {
                    case 0:
                        var (provider, region) = CloudRegions[i / 4 % CloudRegions.Length];
                        spec.Type = SiteType.CloudRegion;
                        spec.Provider = provider;
                        spec.Region = region;
                        spec.Vendor = HostingVendor(i);
                        title = $"{provider} {region} ({i + 1})";
                        lastRegion = i;
                        _hostingSites.Add(i);
                        break;
                    case 1:
                        var parent = _siteSpecs[lastRegion];
                        spec.Type = SiteType.CloudZone;
                        spec.Provider = parent.Provider;
                        spec.Region = $"{parent.Region}{(char)('a' + i / 4 % 3)}";
                        spec.Within = Ref(SiteNode(lastRegion));
                        spec.Vendor = parent.Vendor;
                        title = $"{spec.Region} zone ({i + 1})";
                        break;
                    case 2:
                        var city = Cities[i / 4 % Cities.Length];
                        spec.Type = SiteType.DataCentre;
                        spec.Provider = "equinix";
                        spec.Address = city;
                        spec.Vendor = HostingVendor(i);
                        title = $"{city} data centre ({i + 1})";
                        _hostingSites.Add(i);
                        break;
                    default:
                        var office = Cities[(i / 4 + 3) % Cities.Length];
                        spec.Type = SiteType.Office;
                        spec.Address = $"{10 + i} High Street, {office}";
                        title = $"{office} office ({i + 1})";
                        _offices.Add(i);
                        break;
                }
                Add(ElementKind.Site, Meta(Name("site", i), title), spec);
            }
            if (_hostingSites.Count == 0)
            {
                _hostingSites.AddRange(Enumerable.Range(0, _options.Sites));
            }
        }

        // The first vendors are the hosting providers of the sites.
        private Reference? HostingVendor(int site) => _options.Vendors == 0 ? null : Ref(VendorNode(site % Math.Min(3, _options.Vendors)));

        private void AddVendors()
        {
            var vendors = _options.Vendors;
            for (var v = 0; v < vendors; v++)
            {
                var company = $"{Companies[v % Companies.Length]} {(v < 3 ? "Cloud" : Pick(Areas))}";
                var area = Areas[v % Areas.Length];
                var domain = $"vendor-{v + 1}.example.com";
                Add(ElementKind.Vendor, Meta(Name("vendor", v), $"{company} {v + 1}", Person(ActivePerson()), area), new VendorSpec
                {
                    Services = v < 3 ? ["hosting", "compute", "storage"] : [$"{area} software", "support"],
                    Contract = new Contract { Number = $"C-{v + 1:D5}", Expires = AsOf.AddDays(30 + _random.Next(700)) },
                    Sla = Pick(Slas),
                    ContractualRto = Pick(VendorRtos),
                    ContractualResponse = Pick(VendorResponses),
                    EmergencyContacts =
                    [
                        new Contact { Name = $"{company} support desk", Role = "Support", Phone = $"+44 20 7946 1{v % 1000:D3}", Email = $"support@{domain}", Hours = "24x7" },
                        new Contact { Name = $"{Pick(FirstNames)} {Pick(LastNames)}", Role = "Account manager", Email = $"accounts@{domain}", Hours = "business hours" },
                    ],
                    Escalation = ["Support desk", "Account manager", "Head of customer success"],
                    StatusPage = $"https://status.{domain}",
                    Continuity = Chance(0.8)
                        ? new VendorContinuity { HasPlan = true, EvidenceSeen = AsOf.AddDays(-_random.Next(500)), Evidence = "SOC 2 Type II report" }
                        : new VendorContinuity { HasPlan = false },
                    Alternate = vendors > 1 && Chance(0.2) ? Ref(VendorNode((v + 1 + _random.Next(vendors - 1)) % vendors)) : null,
                    ExitStrategy = Chance(0.5) ? "Export the data monthly; a replacement can be onboarded within 90 days." : null,
                    RestorationCheck = "The status page shows all components operational and a test transaction succeeds.",
                });
            }
        }

        private void AddOrganisation()
        {
            var services = Math.Clamp(Functions / 10, 1, 10);
            for (var i = 0; i < services; i++)
            {
                var area = Areas[i % Areas.Length];
                _organisation.Services.Add(new ServiceInScope
                {
                    Name = Name("service", i),
                    Title = $"{char.ToUpperInvariant(area[0])}{area[1..]} platform",
                    Url = $"https://{area}.example.com",
                });
            }
            _organisation.Scope = "All business functions, systems and sites of the synthetic organisation.";
            Add(ElementKind.Organisation, Meta("synthetic-organisation", $"Synthetic organisation (seed {_options.Seed})", Person(0)), _organisation);
        }

        private void AddRoles()
        {
            List<Reference> Holders(int count, List<int>? from = null)
            {
                var pool = from is { Count: > 0 } ? from : _activePeople;
                var holders = new List<Reference>(count);
                var start = _random.Next(pool.Count);
                for (var i = 0; i < Math.Min(count, pool.Count); i++)
                {
                    holders.Add(Person(pool[(start + i) % pool.Count]));
                }
                return holders;
            }

            List<Reference> Popular(int layer, int count)
            {
                var found = new List<Reference>();
                for (var r = 0; r < Math.Min(count, LayerSize(layer)); r++)
                {
                    found.Add(Ref(_rankToNode[_layerStart[layer] + r]));
                }
                return found;
            }

            var organisationWide = new (string Name, string Title, bool Activates, int Holders, List<Reference> Recovers)[]
            {
                ("incident-commander", "Incident commander", true, 3, []),
                ("communications-lead", "Communications lead", false, 2, []),
                ("it-recovery-lead", "IT recovery lead", false, 2, [.. Popular(InfrastructureLayer, 3), .. Popular(DataLayer, 2)]),
                ("facilities-lead", "Facilities lead", false, 2, Popular(SiteLayer, 3)),
                ("vendor-manager", "Vendor manager", false, 2, Popular(VendorLayer, 3)),
            };
            foreach (var role in organisationWide)
            {
                Add(ElementKind.Role, Meta(role.Name, role.Title), new RoleSpec
                {
                    Responsibilities = [$"Lead the {role.Title.ToLowerInvariant()} work during a disruption."],
                    CanActivatePlan = role.Activates,
                    CanApprovePlans = role.Activates,
                    Assignments = [new RoleAssignment { Holders = Holders(role.Holders), Recovers = role.Recovers }],
                });
            }

            var perTeam = new RoleSpec { Responsibilities = ["Recover the team's functions and keep the team informed."] };
            for (var t = 0; t < _options.Teams; t++)
            {
                perTeam.Assignments.Add(new RoleAssignment { Team = Team(t), Holders = Holders(2, _activeByTeam[t]) });
            }
            Add(ElementKind.Role, Meta("team-recovery-lead", "Team recovery lead"), perTeam);
        }

        private void AddCommunicationPlan()
        {
            var root = new CallTreeNode { Contact = Role("incident-commander") };
            for (var t = 0; t < Math.Min(8, _options.Teams); t++)
            {
                var members = _activeByTeam[t];
                if (members.Count == 0)
                {
                    continue;
                }
                var manager = new CallTreeNode { Contact = Person(members[0]) };
                for (var i = 1; i < Math.Min(4, members.Count); i++)
                {
                    manager.Calls.Add(new CallTreeNode { Contact = Person(members[i]) });
                }
                root.Calls.Add(manager);
            }

            Add(ElementKind.CommunicationPlan, Meta("communication-plan", "Communication plan"), new CommunicationPlanSpec
            {
                Channels =
                [
                    new Channel { Name = "email", Type = ChannelType.Email, Fallback = "sms" },
                    new Channel { Name = "sms", Type = ChannelType.Sms, Fallback = "phone" },
                    new Channel { Name = "phone", Type = ChannelType.Phone },
                    new Channel { Name = "status-page", Type = ChannelType.StatusPage, Fallback = "email" },
                    new Channel { Name = "chat", Type = ChannelType.Chat, Fallback = "sms" },
                ],
                Audiences =
                [
                    new Audience { Name = "staff", Type = AudienceType.Staff, Channels = ["chat", "email", "sms"], UpdateEvery = Duration.FromHours(4), ReleasedBy = Role("communications-lead") },
                    new Audience { Name = "customers", Type = AudienceType.Customers, Channels = ["status-page", "email"], UpdateEvery = Duration.FromHours(2), ReleasedBy = Role("communications-lead") },
                    new Audience { Name = "regulators", Type = AudienceType.Regulators, Channels = ["email"], UpdateEvery = Duration.FromDays(1), ReleasedBy = Role("incident-commander") },
                    new Audience { Name = "management", Type = AudienceType.Management, Channels = ["phone", "email"], UpdateEvery = Duration.FromHours(1), ReleasedBy = Role("incident-commander") },
                ],
                Templates =
                [
                    new MessageTemplate { Name = "incident-declared", Audience = "staff", Channel = "email", Subject = "Incident declared: {incident}", Body = "We have declared an incident ({incident}). Next update by {nextUpdate}." },
                    new MessageTemplate { Name = "customer-update", Audience = "customers", Channel = "status-page", Body = "{service} is disrupted. We expect to restore it by {eta}." },
                    new MessageTemplate { Name = "regulator-notice", Audience = "regulators", Channel = "email", Subject = "Notification of disruption", Body = "We notify you of a disruption affecting {service} since {start}." },
                    new MessageTemplate { Name = "all-clear", Audience = "staff", Channel = "email", Subject = "All clear", Body = "{incident} is resolved; normal operations resume." },
                ],
                CallTrees =
                [
                    new CallTree { Name = "main", Title = "Main call tree", EscalateAfter = new Duration(10), IfUnreachable = "Call the next person in line and tell the incident commander.", Root = root },
                ],
            });
        }

        // ------------------------------------------------------------ dependencies

        /// <summary>Spreads exactly the requested number of edges over the functions and systems,
        /// weighted by layer, then draws each node's targets from lower layers.</summary>
        private void AddDependencies()
        {
            var sources = Functions + Systems;
            var target = _options.TotalDependencies;
            var capacity = new long[sources];
            var weights = new double[sources];
            long totalCapacity = 0;
            var totalWeight = 0.0;
            for (var node = 0; node < sources; node++)
            {
                var layer = LayerOf(node);
                capacity[node] = _layerStart[LayerCount] - _layerStart[layer + 1];
                weights[node] = capacity[node] == 0 ? 0 : SourceWeights[layer] * (0.25 + 1.5 * _random.NextDouble());
                totalCapacity += capacity[node];
                totalWeight += weights[node];
            }
            if (target > totalCapacity)
            {
                throw new ArgumentOutOfRangeException(nameof(GenerationOptions.Dependencies), target,
                    $"Only {totalCapacity} distinct dependencies fit {Functions} functions, {Systems} systems, {_options.Sites} sites and {_options.Vendors} vendors.");
            }

            var quota = new int[sources];
            long assigned = 0;
            for (var node = 0; node < sources && totalWeight > 0; node++)
            {
                quota[node] = (int)Math.Min(capacity[node], (long)(target * weights[node] / totalWeight));
                assigned += quota[node];
            }
            for (var remaining = target - assigned; remaining > 0; remaining--)
            {
                var node = _random.Next(sources);
                while (quota[node] >= capacity[node])
                {
                    node = (node + 1) % sources;
                }
                quota[node]++;
            }

            _edgeStart = new int[sources + 1];
            _edgeTarget = new int[target];
            _edgeBinds = new bool[target];
            var edges = 0;
            var used = new HashSet<int>();
            var group = new List<int>(3);
            for (var node = 0; node < sources; node++)
            {
                _edgeStart[node] = edges;
                var entries = new List<DependencySpec>(quota[node]);
                _dependsOn[node] = entries;
                used.Clear();
                var layer = LayerOf(node);
                var left = quota[node];

                // A SaaS application depends on its vendor first.
                var vendor = node >= Functions ? _systemVendor[node - Functions] : -1;
                if (left > 0 && vendor >= 0)
                {
                    var vendorNode = VendorNode(vendor);
                    used.Add(vendorNode);
                    entries.Add(new DependencySpec { On = Ref(vendorNode) });
                    _edgeBinds[edges] = true;
                    _edgeTarget[edges++] = vendorNode;
                    left--;
                }

                while (left > 0)
                {
                    var targetLayer = TargetLayer(layer);
                    if (left >= 2 && Chance(_options.RedundancyShare))
                    {
                        var size = left >= 3 && Chance(0.25) ? 3 : 2;
                        if (TryPickGroup(targetLayer, size, used, group))
                        {
                            var anyOf = new List<Reference>(size);
                            foreach (var member in group)
                            {
                                anyOf.Add(Ref(member));
                                _edgeBinds[edges] = true;
                                _edgeTarget[edges++] = member;
                            }
                            entries.Add(new DependencySpec { AnyOf = anyOf });
                            left -= size;
                            continue;
                        }
                    }
                    var chosen = PickTarget(targetLayer, layer, used);
                    var type = Chance(0.1) ? DependencyType.Degraded : DependencyType.Required;
                    entries.Add(new DependencySpec { On = Ref(chosen), Type = type });
                    _edgeBinds[edges] = type == DependencyType.Required;
                    _edgeTarget[edges++] = chosen;
                    left--;
                }
            }
            _edgeStart[sources] = edges;
        }

        /// <summary>Mostly the next non-empty layer down; sometimes any lower layer (a function
        /// that uses a database directly, a service that calls a vendor).</summary>
        private int TargetLayer(int layer)
        {
            var next = layer + 1;
            while (next < LayerCount && LayerSize(next) == 0)
            {
                next++;
            }
            if (Chance(0.8) || next == LayerCount - 1)
            {
                return next;
            }
            var choice = next + _random.Next(LayerCount - next);
            while (LayerSize(choice) == 0)
            {
                choice = choice == LayerCount - 1 ? next : choice + 1;
            }
            return choice;
        }

        private int PopularNode(int layer)
        {
            var rank = (int)(LayerSize(layer) * Math.Pow(_random.NextDouble(), 2.5));
            return _rankToNode[_layerStart[layer] + rank];
        }

        private int PickTarget(int layer, int sourceLayer, HashSet<int> used)
        {
            for (var attempt = 0; attempt < 32; attempt++)
            {
                var node = PopularNode(layer);
                if (used.Add(node))
                {
                    return node;
                }
            }
            // Nearly every popular node is taken: walk all lower layers for one that is not.
            var first = _layerStart[sourceLayer + 1];
            var count = _layerStart[LayerCount] - first;
            var start = _random.Next(count);
            for (var i = 0; i < count; i++)
            {
                var node = first + (start + i) % count;
                if (used.Add(node))
                {
                    return node;
                }
            }
            throw new InvalidOperationException("A node ran out of dependency targets; the capacity check should have prevented this.");
        }

        private bool TryPickGroup(int layer, int size, HashSet<int> used, List<int> group)
        {
            group.Clear();
            for (var attempt = 0; attempt < 16 && group.Count < size; attempt++)
            {
                var node = PopularNode(layer);
                if (!used.Contains(node) && !group.Contains(node))
                {
                    group.Add(node);
                }
            }
            if (group.Count < size)
            {
                return false;
            }
            foreach (var node in group)
            {
                used.Add(node);
            }
            return true;
        }

        // ------------------------------------------------------------ functions and systems

        private void AddFunctions()
        {
            var categories = _organisation.Impact.Categories;
            var timePoints = _organisation.Impact.TimePoints;
            _functionRto = new Duration[Functions];
            for (var f = 0; f < Functions; f++)
            {
                var tier = _random.NextDouble() switch
                {
                    < 0.05 => 1,
                    < 0.25 => 2,
                    < 0.7 => 3,
                    _ => 4,
                };
                var mtpd = Pick(MtpdByTier[tier - 1]);
                var rto = ShorterThan(mtpd);
                _functionRto[f] = rto;
                var rpo = Pick(NiceDurations[..8]);
                var objectives = new RecoveryObjectives { Mtpd = mtpd, Rto = rto, Rpo = rpo };
                if (Chance(0.6))
                {
                    objectives.Approved = new ObjectivesApproval
                    {
                        By = Person(ActivePerson()),
                        On = AsOf.AddDays(-_random.Next(300)),
                        Mtpd = mtpd,
                        Rto = rto,
                        Rpo = rpo,
                    };
                }

                var area = Areas[f % Areas.Length];
                var team = _random.Next(_options.Teams);
                var services = _organisation.Services;
                var spec = new BusinessFunctionSpec
                {
                    Description = $"Runs the {area} process (synthetic function {f + 1}).",
                    Team = Team(team),
                    Tier = tier,
                    Supports = [services[f % services.Count].Name],
                    PeakPeriods = Chance(0.3) ? ["month end"] : [],
                    MinimumCapacity = tier <= 2 ? "Existing customers only" : null,
                    Workaround = Chance(0.3) ? new Workaround { Description = "Work from paper forms and enter the data later.", SustainableFor = ShorterThan(mtpd) } : null,
                    Objectives = objectives,
                    Impact = ImpactGrid(categories, timePoints, mtpd),
                    FinancialLoss = FinancialLoss(timePoints, tier),
                    DependsOn = _dependsOn[f],
                };
                var owner = _activeByTeam[team].Count > 0 ? Pick(_activeByTeam[team]) : ActivePerson();
                Add(ElementKind.BusinessFunction, Meta(_nodeNames[f], $"{char.ToUpperInvariant(area[0])}{area[1..]} {f + 1}", Person(owner), area), spec);
            }
        }

        private Duration ShorterThan(Duration limit)
        {
            var count = 0;
            while (count < NiceDurations.Length && NiceDurations[count] < limit)
            {
                count++;
            }
            // One of the two longest durations below the limit: what a business asks for, and
            // never equal to the limit.
            return NiceDurations[count - 1 - _random.Next(Math.Min(2, count))];
        }

        /// <summary>Ratings rise over time and turn intolerable (major) exactly at the MTPD, as a
        /// business impact analysis that suggested that MTPD would.</summary>
        private Dictionary<string, Dictionary<Duration, ImpactRating>> ImpactGrid(List<string> categories, List<Duration> timePoints, Duration mtpd)
        {
            var at = timePoints.IndexOf(mtpd);
            var driver = _random.Next(categories.Count);
            var grid = new Dictionary<string, Dictionary<Duration, ImpactRating>>(categories.Count);
            for (var c = 0; c < categories.Count; c++)
            {
                var ratings = new Dictionary<Duration, ImpactRating>(timePoints.Count);
                var rating = 1 + _random.Next(2);
                for (var t = 0; t < timePoints.Count; t++)
                {
                    rating = Math.Min(5, rating + _random.Next(2));
                    if (at >= 0 && t < at)
                    {
                        rating = Math.Min(rating, 3);
                    }
                    if (c == driver && t == at)
                    {
                        rating = Math.Max(rating, 4);
                    }
                    ratings[timePoints[t]] = (ImpactRating)rating;
                }
                grid[categories[c]] = ratings;
            }
            return grid;
        }

        private Dictionary<Duration, long> FinancialLoss(List<Duration> timePoints, int tier)
        {
            var loss = new Dictionary<Duration, long>(timePoints.Count);
            long amount = (5 - tier) * 5_000L * (1 + _random.Next(10));
            foreach (var point in timePoints)
            {
                loss[point] = amount;
                amount = amount * (2 + _random.Next(3)) / 2 + 1_000;
            }
            return loss;
        }

        private void AddSystems()
        {
            // What a system must achieve follows from what needs it: its RTO is at most the shortest
            // RTO among the dependents that cannot run without it (degraded ones can). Dependents
            // sit in higher layers, so one pass in layer order settles each system before its
            // targets. One system in five had its RTO set on its own, without looking up the chain,
            // as happens in real plans: the inconsistencies an analysis should find.
            var required = new int[_layerStart[LayerCount]];
            Array.Fill(required, int.MaxValue);
            _systemRto = new Duration[Systems];
            for (var node = 0; node < Functions + Systems; node++)
            {
                int rto;
                if (node < Functions)
                {
                    rto = _functionRto[node].Minutes;
                }
                else
                {
                    var s = node - Functions;
                    _systemRto[s] = required[node] == int.MaxValue || Chance(0.2) ? Pick(NiceDurations[4..]) : AtMost(required[node]);
                    rto = _systemRto[s].Minutes;
                }
                for (var e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
                {
                    if (_edgeBinds[e])
                    {
                        required[_edgeTarget[e]] = Math.Min(required[_edgeTarget[e]], rto);
                    }
                }
            }

            _systemSpecs = new SystemSpec[Systems];
            for (var s = 0; s < Systems; s++)
            {
                var node = SystemNode(s);
                var type = _systemTypes[s];
                var rto = _systemRto[s];
                var tier = rto.Minutes switch
                {
                    <= 4 * 60 => 1,
                    <= 24 * 60 => 2,
                    <= 3 * 24 * 60 => 3,
                    _ => 4,
                };
                var team = _random.Next(_options.Teams);
                var area = Pick(Areas);
                var isData = type is SystemType.Database or SystemType.DataStore;

                // About one system in twelve takes longer to restore than its RTO allows: the gaps
                // an analysis should find.
                var estimate = Chance(0.08)
                    ? new Duration(Math.Min(Duration.MaxMinutes, rto.Minutes * (2 + _random.Next(3))))
                    : new Duration(Math.Max(5, (int)(rto.Minutes * (0.2 + 0.7 * _random.NextDouble()))));

                Hosting? hosting = null;
                if (type != SystemType.Saas && _options.Sites > 0)
                {
                    var site = Pick(_hostingSites);
                    hosting = new Hosting { Provider = _siteSpecs[site].Provider ?? "self", Sites = [Ref(SiteNode(site))] };
                    var second = Pick(_hostingSites);
                    if (tier == 1 && second != site)
                    {
                        hosting.Sites.Add(Ref(SiteNode(second)));
                    }
                }

                var spec = _systemSpecs[s] = new SystemSpec
                {
                    Type = type,
                    Team = Team(team),
                    BusinessOwner = Person(ActivePerson()),
                    TechnicalOwner = _activeByTeam[team].Count > 0 ? Person(Pick(_activeByTeam[team])) : Person(ActivePerson()),
                    Vendor = _systemVendor[s] >= 0 ? Ref(VendorNode(_systemVendor[s])) : null,
                    Hosting = hosting,
                    DataClassification = isData ? (DataClassification)(1 + _random.Next(3)) : null,
                    Tier = tier,
                    Objectives = new SystemObjectives { Rto = rto, Rpo = isData ? Pick(NiceDurations[..5]) : null },
                    Restore = type == SystemType.Saas ? null : new RestoreEstimate { Estimated = estimate, Confidence = (Confidence)_random.Next(3) },
                    ReplicationLag = isData && Chance(0.5) ? new Duration(1 + _random.Next(15)) : null,
                    DependsOn = _dependsOn[node],
                };
                var title = $"{char.ToUpperInvariant(area[0])}{area[1..]} {TypeWord(type)} {_nodeNames[node][4..]}";
                Add(ElementKind.System, Meta(_nodeNames[node], title, Person(ActivePerson()), area, LayerLabels[LayerOf(node)]), spec);
            }
        }

        private static Duration AtMost(int minutes)
        {
            var best = NiceDurations[0];
            foreach (var duration in NiceDurations)
            {
                if (duration.Minutes <= minutes)
                {
                    best = duration;
                }
            }
            return best;
        }

        private static string TypeWord(SystemType type) => type switch
        {
            SystemType.Application => "app",
            SystemType.Service => "service",
            SystemType.Database => "database",
            SystemType.DataStore => "store",
            SystemType.Infrastructure => "cluster",
            SystemType.Network => "network",
            SystemType.Saas => "SaaS",
            SystemType.Facility => "facility",
            _ => "workstations",
        };

        // ------------------------------------------------------------ risks, scenarios, procedures, backups

        private Reference RandomNode(int layer) => Ref(PopularNode(layer));

        private Reference? AnyOf(params int[] layers)
        {
            var candidates = new List<int>();
            foreach (var layer in layers)
            {
                if (LayerSize(layer) > 0)
                {
                    candidates.Add(layer);
                }
            }
            return candidates.Count == 0 ? null : RandomNode(Pick(candidates));
        }

        private void AddRisksScenariosAndProcedures()
        {
            var allLayers = new[] { FunctionLayer, ApplicationLayer, ServiceLayer, DataLayer, InfrastructureLayer, SiteLayer, VendorLayer };
            for (var r = 0; r < _options.Risks; r++)
            {
                var threat = (ThreatCategory)_random.Next(8);
                var affects = new List<Reference>();
                for (var i = 0; i < 1 + _random.Next(4); i++)
                {
                    if (AnyOf(allLayers) is { } affected && !affects.Contains(affected))
                    {
                        affects.Add(affected);
                    }
                }
                var likelihood = 1 + _random.Next(5);
                var impact = 1 + _random.Next(5);
                Add(ElementKind.Risk, Meta(Name("risk", r), $"{threat} risk {r + 1}", Person(ActivePerson())), new RiskSpec
                {
                    Threat = threat,
                    Affects = affects,
                    Likelihood = likelihood,
                    Impact = impact,
                    Residual = new RiskRating { Likelihood = Math.Max(1, likelihood - _random.Next(3)), Impact = Math.Max(1, impact - _random.Next(2)) },
                    Treatment = (RiskTreatment)_random.Next(4),
                    TreatmentPlan = "Review controls quarterly and test the recovery procedure.",
                    ReviewBy = AsOf.AddDays(30 + _random.Next(335)),
                });
            }

            for (var s = 0; s < _options.Scenarios; s++)
            {
                var fails = new List<Reference>();
                var (title, layers, disruption) = (s % 4) switch
                {
                    0 => ("Loss of a site", new[] { SiteLayer }, Disruption.Site),
                    1 => ("Failure of a key vendor", new[] { VendorLayer }, Disruption.Vendor),
                    2 => ("Outage of shared infrastructure", new[] { InfrastructureLayer, DataLayer }, (Disruption?)null),
                    _ => ("Ransomware on core systems", new[] { ServiceLayer, DataLayer, ApplicationLayer }, Disruption.Cyber),
                };
                foreach (var layer in layers)
                {
                    if (AnyOf(layer) is { } failed && !fails.Contains(failed))
                    {
                        fails.Add(failed);
                    }
                }
                var risks = new List<Reference>();
                if (_options.Risks > 0)
                {
                    risks.Add(Reference.To(ElementKind.Risk, Name("risk", _random.Next(_options.Risks))));
                }
                Add(ElementKind.Scenario, Meta(Name("scenario", s), $"{title} ({s + 1})"), new ScenarioSpec
                {
                    Risks = risks,
                    ActivationCriteria = ["An outage is expected to last longer than the shortest affected RTO.", "The incident commander declares a disruption."],
                    Fails = fails,
                    Priority = 1 + _random.Next(5),
                    Disruption = disruption,
                });
            }

            for (var p = 0; p < _options.Procedures; p++)
            {
                var steps = new List<ProcedureStep>();
                var count = 3 + _random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    var responsible = RoleNames[_random.Next(RoleNames.Length)];
                    var backup = RoleNames[(Array.IndexOf(RoleNames, responsible) + 1) % RoleNames.Length];
                    var step = new ProcedureStep
                    {
                        Id = $"step-{i + 1}",
                        Title = $"{Phases[i * Phases.Length / count]} step {i + 1}",
                        Phase = Phases[i * Phases.Length / count],
                        After = i == 0 ? [] : [$"step-{i}"],
                        Instructions = "Follow the runbook and record what was done.",
                        Responsible = Role(responsible),
                        Backup = Role(backup),
                        ExpectedDuration = Pick(NiceDurations[..6]),
                        EscalateAfter = Duration.FromHours(1),
                        Vendor = _options.Vendors > 0 && Chance(0.2) ? Ref(VendorNode(_random.Next(_options.Vendors))) : null,
                        Verification = "The step's owner confirms completion in the incident channel.",
                    };
                    if (i == 0)
                    {
                        step.Communicate.Add(new StepCommunication { From = Role("communications-lead"), To = "staff", Channel = "email", Template = "incident-declared" });
                    }
                    steps.Add(step);
                }
                var scenarios = new List<Reference>();
                if (_options.Scenarios > 0)
                {
                    scenarios.Add(Reference.To(ElementKind.Scenario, Name("scenario", p % _options.Scenarios)));
                }
                // Every function is recovered by one procedure, round-robin (no random draw, so the
                // rest of the organisation stays as it was for a seed).
                var recovers = new List<Reference>();
                for (var f = p; f < Functions; f += _options.Procedures)
                {
                    recovers.Add(Ref(f));
                }
                Add(ElementKind.Procedure, Meta(Name("procedure", p), $"Recovery procedure {p + 1}", Person(ActivePerson())), new ProcedureSpec
                {
                    Scenarios = scenarios,
                    Recovers = recovers,
                    Team = Team(p % _options.Teams),
                    Steps = steps,
                });
            }
        }

        private void AddBackupPolicies()
        {
            // Data stores first, then every other system, round-robin.
            var order = new List<int>(Systems);
            for (var s = 0; s < Systems; s++)
            {
                if (LayerOf(SystemNode(s)) == DataLayer)
                {
                    order.Add(s);
                }
            }
            var dataStores = order.Count;
            for (var s = 0; s < Systems; s++)
            {
                if (LayerOf(SystemNode(s)) != DataLayer)
                {
                    order.Add(s);
                }
            }
            var policies = _options.BackupPolicies ?? dataStores;
            for (var b = 0; b < policies; b++)
            {
                var system = order[b % order.Count];
                var hosting = _systemSpecs[system].Hosting;
                var site = hosting?.Sites.Count > 0 ? Reference.To(ElementKind.Site, hosting.Sites[0].Name) : null;
                var offsite = _options.Sites > 1 ? Ref(SiteNode(_random.Next(_options.Sites))) : null;
                Add(ElementKind.BackupPolicy, Meta(Name("backup", b), $"Backup of {_nodeNames[SystemNode(system)]}"), new BackupPolicySpec
                {
                    System = Ref(SystemNode(system)),
                    Method = Pick(BackupMethods),
                    Frequency = Pick(BackupFrequencies),
                    Retention = Pick(Retentions),
                    Encrypted = Chance(0.9),
                    Storage = new BackupStorage { Site = site, Location = $"s3://backups/{_nodeNames[SystemNode(system)]}" },
                    Offsite = offsite is null || offsite.Equals(site) ? null : new BackupStorage { Site = offsite, Location = "vault://offsite" },
                    LocalFullBackup = Chance(0.7) ? new LocalFullBackup { Frequency = Duration.FromDays(7), Location = "/backup/full" } : null,
                    Monitoring = "Alerts on a missed or failed backup.",
                    RestoreValidation = new RestoreValidation { Method = "Restore to a scratch instance and compare row counts.", Frequency = Duration.FromDays(90) },
                    Tool = Pick(BackupTools),
                });
            }
        }
    }
}
