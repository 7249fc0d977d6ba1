using Continuity.Analysis;
using Continuity.Demo;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using static Continuity.Tests.Snapshots.SnapshotPlans;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Snapshots;

/// <summary>The snapshot of plans worked out by hand (<see cref="SnapshotPlans.Acme"/>): node
/// order, targets, restore times, recovery points, every kind of requirement and its origin, tags.</summary>
public sealed class PlanSnapshotTests
{
    private static readonly PlanSnapshot Snapshot = PlanSnapshot.From(Acme());

    private static int N(string id) => Snapshot.IndexOf(id) is var n and >= 0 ? n : throw new ArgumentException($"No node {id}.", nameof(id));

    [Fact]
    public void Nodes_are_ordered_by_kind_then_name_and_named_as_plan_files_refer_to_them()
    {
        Assert.Equal(
        [
            "function:enrolment", "function:payroll", "function:support",
            "system:cache", "system:customer-db", "system:ledger", "system:web-app",
            "vendor:aws", "vendor:payments-co",
            "site:office", "site:region-eu", "site:region-us", "site:zone-a",
            "person:ada", "person:charles", "person:grace",
            "role:incident-commander", "role:scribe",
        ], Snapshot.Ids);
        Assert.Equal(Snapshot.Ids.Select(id => id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..]), Snapshot.Names);
        Assert.Equal(18, Snapshot.Graph.NodeCount);
        Assert.Equal(3..7, Snapshot.NodesOf(NodeKind.System));
        Assert.Equal(16..18, Snapshot.NodesOf(NodeKind.Role));
        Assert.Equal(NodeKind.Site, Snapshot.Kinds[N("site:zone-a")]);
        Assert.Equal(Snapshot.Kinds, Snapshot.Graph.Kinds.ToArray());
        Assert.Equal(-1, Snapshot.IndexOf("system:missing"));
        Assert.Equal(N("vendor:aws"), Snapshot.NodeIndex["vendor:aws"]);
    }

    [Theory]
    [InlineData("function:enrolment", "Student enrolment")]
    [InlineData("site:office", "Head office")]
    [InlineData("system:ledger", "ledger")]
    public void A_node_is_titled_by_its_title_or_else_its_name(string id, string title) =>
        Assert.Equal(title, Snapshot.Titles[N(id)]);

    [Theory]
    //          node                  rto   rpo  mtpd contractual tier team
    [InlineData("function:enrolment", 240, 15, 1440, -1, 1, "platform")]
    [InlineData("function:payroll", 1440, -1, -1, -1, 4, "finance")]
    [InlineData("function:support", -1, -1, -1, -1, 3, null)]
    [InlineData("system:web-app", 120, 5, -1, -1, 1, "platform")]
    [InlineData("system:ledger", -1, -1, -1, -1, 2, "finance")]
    [InlineData("system:cache", -1, -1, -1, -1, 3, null)]
    [InlineData("vendor:aws", -1, -1, -1, 240, 0, null)]
    [InlineData("vendor:payments-co", -1, -1, -1, -1, 0, null)]
    [InlineData("site:region-eu", -1, -1, -1, -1, 0, null)]
    [InlineData("person:ada", -1, -1, -1, -1, 0, null)]
    [InlineData("role:scribe", -1, -1, -1, -1, 0, null)]
    public void Targets_tiers_and_teams_are_read_from_each_kind(string id, int rto, int rpo, int mtpd, int contractualRto, int tier, string? team)
    {
        var n = N(id);
        Assert.Equal((rto, rpo, mtpd, contractualRto, tier),
            (Snapshot.RtoMinutes[n], Snapshot.RpoMinutes[n], Snapshot.MtpdMinutes[n], Snapshot.ContractualRtoMinutes[n], Snapshot.Tiers[n]));
        Assert.Equal(team, Snapshot.Teams[n] < 0 ? null : Snapshot.TeamNames[Snapshot.Teams[n]]);
        Assert.Equal(tier, Snapshot.Graph.Tiers[n]);
        Assert.Equal(Snapshot.Teams[n], Snapshot.Graph.Teams[n]);
    }

    [Fact]
    public void Every_team_of_the_plan_is_numbered_by_name() => Assert.Equal(["finance", "platform"], Snapshot.TeamNames);

    [Theory]
    [InlineData("system:web-app", 75, true)]           // measured beats the estimate
    [InlineData("system:customer-db", 360, true)]      // estimate only
    [InlineData("system:ledger", 0, false)]            // neither: no estimate
    [InlineData("vendor:aws", 240, true)]              // contractual RTO
    [InlineData("vendor:payments-co", 0, false)]       // none promised
    [InlineData("function:enrolment", 0, true)]
    [InlineData("site:region-eu", 0, true)]
    [InlineData("role:incident-commander", 0, true)]
    public void Restore_minutes_come_from_measurements_estimates_and_contracts(string id, int minutes, bool known)
    {
        var n = N(id);
        Assert.Equal((minutes, known), (Snapshot.RestoreMinutes[n], Snapshot.RestoreKnown[n]));
        Assert.Equal(minutes, Snapshot.Graph.RestoreMinutes[n]);
    }

    [Theory]
    [InlineData("system:customer-db", 6, false)]       // shortest policy (5m) + replication lag (1m)
    [InlineData("system:ledger", -1, true)]            // a data store without a backup policy
    [InlineData("system:web-app", -1, false)]          // not a data store
    [InlineData("system:cache", -1, false)]
    [InlineData("function:enrolment", -1, false)]
    public void The_recovery_point_is_the_shortest_backup_interval_plus_replication_lag(string id, int minutes, bool unprotected)
    {
        var n = N(id);
        Assert.Equal((minutes, unprotected), (Snapshot.RecoveryPointMinutes[n], Snapshot.Unprotected[n]));
    }

    [Fact]
    public void People_who_have_left_are_not_active() =>
        Assert.Equal(["person:charles"], Enumerable.Range(0, Snapshot.NodeCount).Where(n => !Snapshot.Active[n]).Select(n => Snapshot.Ids[n]));

    [Theory]
    [InlineData("function:enrolment",
        "DependsOn[0] Required system:web-app | DependsOn[1] Required person:ada person:grace | DependsOn[2] Degraded vendor:payments-co"
        + " | DependsOn[3] Required site:office site:region-eu")]
    [InlineData("function:payroll", "")]                                    // its team is not a dependency
    [InlineData("system:web-app",
        "DependsOn[0] Required system:customer-db | DependsOn[1] Degraded role:incident-commander"
        + " | DependsOn[2] Required system:ledger vendor:payments-co | Hosting Hosting site:region-eu site:region-us")]
    [InlineData("system:customer-db", "DependsOn[0] Degraded system:cache | Vendor Required vendor:aws | Hosting Hosting site:zone-a")]
    [InlineData("system:cache", "")]                                        // hosting without sites
    [InlineData("vendor:payments-co", "DependsOn[0] Required vendor:aws")]
    [InlineData("site:zone-a", "Within Required site:region-eu | SiteVendor Required vendor:aws")]
    [InlineData("site:region-eu", "SiteVendor Required vendor:aws")]
    [InlineData("site:office", "")]
    [InlineData("role:incident-commander", "Holders Required person:ada person:grace")]   // charles has left
    [InlineData("role:scribe", "")]                                         // no holders: no group (plan checks report it)
    [InlineData("person:ada", "")]
    public void Each_requirement_becomes_a_group_that_remembers_where_it_came_from(string id, string groups) =>
        Assert.Equal(groups, Describe(Snapshot, N(id)));

    [Fact]
    public void The_graph_has_exactly_the_groups_listed_and_their_origins_line_up()
    {
        Assert.Equal(Snapshot.Graph.GroupCount, Snapshot.GroupOrigins.Length);
        Assert.Equal(Snapshot.Graph.GroupCount, Snapshot.GroupDependsOnIndex.Length);
        Assert.Equal(4 + 4 + 3 + 1 + 2 + 1 + 1 + 1, Snapshot.Graph.GroupCount);
        Assert.All(Enumerable.Range(0, Snapshot.Graph.GroupCount),
            g => Assert.Equal(Snapshot.GroupOrigins[g] == GroupOrigin.DependsOn, Snapshot.GroupDependsOnIndex[g] >= 0));
    }

    [Fact]
    public void Recovery_sites_are_a_group_of_their_own_and_a_system_its_vendor_restores_takes_the_contractual_rto()
    {
        var snapshot = PlanSnapshot.From(new Plan(
        [
            Document(ElementKind.Organisation, "acme", new OrganisationSpec()),
            Document(ElementKind.Site, "eu", new SiteSpec { Type = SiteType.CloudRegion }),
            Document(ElementKind.Site, "us", new SiteSpec { Type = SiteType.CloudRegion }),
            Document(ElementKind.Vendor, "desk-co", new VendorSpec { ContractualRto = Duration.FromHours(4) }),
            Document(ElementKind.Vendor, "quiet-co", new VendorSpec()),
            Document(ElementKind.System, "app", new SystemSpec
            {
                Type = SystemType.Application,
                Hosting = new Hosting { Sites = [Ref(ElementKind.Site, "eu")], RecoverySites = [Ref(ElementKind.Site, "us")] },
                Restore = new RestoreEstimate { Estimated = Duration.FromHours(1) },
            }),
            Document(ElementKind.System, "helpdesk", new SystemSpec { Type = SystemType.Saas, Vendor = Ref(ElementKind.Vendor, "desk-co"), Restore = new RestoreEstimate { ByVendor = true } }),
            Document(ElementKind.System, "chat", new SystemSpec { Type = SystemType.Saas, Vendor = Ref(ElementKind.Vendor, "quiet-co"), Restore = new RestoreEstimate { ByVendor = true } }),
            Document(ElementKind.System, "mail", new SystemSpec { Type = SystemType.Saas, Vendor = Ref(ElementKind.Vendor, "desk-co"), Restore = new RestoreEstimate { Estimated = Duration.FromHours(2) } }),
        ]));
        int Node(string id) => snapshot.IndexOf(id);

        Assert.Equal("Hosting Hosting site:eu | RecoverySites RecoverySite site:us", Describe(snapshot, Node("system:app")));
        Assert.Equal("Vendor Provider vendor:desk-co", Describe(snapshot, Node("system:helpdesk")));
        Assert.Equal("Vendor Provider vendor:quiet-co", Describe(snapshot, Node("system:chat")));
        Assert.Equal("Vendor Required vendor:desk-co", Describe(snapshot, Node("system:mail")));
        Assert.Equal((240, true), (snapshot.RestoreMinutes[Node("system:helpdesk")], snapshot.RestoreKnown[Node("system:helpdesk")]));
        Assert.Equal((0, false), (snapshot.RestoreMinutes[Node("system:chat")], snapshot.RestoreKnown[Node("system:chat")]));
        Assert.Equal((120, true), (snapshot.RestoreMinutes[Node("system:mail")], snapshot.RestoreKnown[Node("system:mail")]));
        Assert.DoesNotContain("site=us", snapshot.TagsOf(Node("system:app")));      // not hosted there: losing us does not fail it
    }

    [Fact]
    public void A_dependency_entry_index_counts_entries_not_members()
    {
        var documents = AcmeDocuments();
        var support = (BusinessFunctionSpec)documents.Single(d => d.Name == "support").Spec;
        support.DependsOn =
        [
            new DependencySpec { AnyOf = [Ref(ElementKind.System, "web-app"), Ref(ElementKind.System, "cache")] },
            new DependencySpec { AnyOf = [Ref(ElementKind.System, "ledger"), Ref(ElementKind.System, "customer-db")] },
            new DependencySpec { AnyOf = [Ref(ElementKind.Person, "ada")] },
            new DependencySpec { On = Ref(ElementKind.Person, "grace"), Type = DependencyType.Degraded },
        ];

        var snapshot = PlanSnapshot.From(new Plan(documents));

        Assert.Equal("DependsOn[0] Required system:cache system:web-app | DependsOn[1] Required system:customer-db system:ledger"
            + " | DependsOn[2] Required person:ada | DependsOn[3] Degraded person:grace", Describe(snapshot, snapshot.IndexOf("function:support")));
    }

    [Fact]
    public void A_node_may_depend_on_itself_and_the_graph_keeps_it_for_the_cycle_check()
    {
        var documents = AcmeDocuments();
        ((SystemSpec)documents.Single(d => d.Name == "cache").Spec).DependsOn = [new DependencySpec { On = Ref(ElementKind.System, "cache") }];

        var snapshot = PlanSnapshot.From(new Plan(documents));

        Assert.Equal("DependsOn[0] Required system:cache", Describe(snapshot, snapshot.IndexOf("system:cache")));
    }

    [Theory]
    [InlineData("site:region-eu", "region=eu-west-1, site=region-eu, vendor=aws")]
    [InlineData("site:region-us", "region=us-east-1, site=region-us, tier=standby, vendor=aws")]   // a label equal to a built-in tag counts once
    [InlineData("site:zone-a", "site=zone-a, vendor=aws")]
    [InlineData("system:web-app", "region=eu-west-1, region=us-east-1, service=platform, site=region-eu, site=region-us")]
    [InlineData("system:customer-db", "site=zone-a, vendor=aws")]
    [InlineData("vendor:aws", "vendor=aws")]
    [InlineData("vendor:payments-co", "vendor=payments-co")]
    [InlineData("function:enrolment", "")]
    public void Nodes_are_tagged_by_region_site_vendor_and_labels(string id, string tags) =>
        Assert.Equal(tags, string.Join(", ", Snapshot.TagsOf(N(id))));

    [Theory]
    [InlineData("region=eu-west-1", "system:web-app, site:region-eu", "site:region-eu")]
    [InlineData("region=us-east-1", "system:web-app, site:region-us", "site:region-us")]
    [InlineData("vendor=aws", "system:customer-db, vendor:aws, site:region-eu, site:region-us, site:zone-a", "vendor:aws")]
    [InlineData("site=zone-a", "system:customer-db, site:zone-a", "site:zone-a")]
    [InlineData("site=office", "site:office", "site:office")]
    [InlineData("service=platform", "system:web-app", "system:web-app")]
    [InlineData("system:ledger", "system:ledger", "system:ledger")]
    [InlineData("region=mars-1", "", "")]
    [InlineData("system:missing", "", "")]
    [InlineData("vendor", "", "")]
    public void Select_finds_nodes_by_tag_or_id_and_SelectOwn_leaves_out_what_only_inherits_the_tag(string query, string all, string own)
    {
        Assert.Equal(all, string.Join(", ", Snapshot.Select(query).Select(n => Snapshot.Ids[n])));
        Assert.Equal(own, string.Join(", ", Snapshot.SelectOwn(query).Select(n => Snapshot.Ids[n])));
    }

    [Fact]
    public void The_distinct_tags_are_listed_in_order() =>
        Assert.Equal(["region=eu-west-1", "region=us-east-1", "service=platform", "site=office", "site=region-eu", "site=region-us", "site=zone-a",
            "tier=standby", "vendor=aws", "vendor=payments-co"], Snapshot.Tags);

    [Fact]
    public void References_to_missing_elements_are_reported_and_left_out_of_the_graph()
    {
        var documents = AcmeDocuments().Where(d => d.Name is not ("region-us" or "payments-co" or "grace" or "finance")).ToList();
        documents.Add(Document(ElementKind.BackupPolicy, "orphan-backup", new BackupPolicySpec
        {
            System = Ref(ElementKind.System, "gone"),
            Method = BackupMethod.Full,
            Frequency = Duration.FromDays(1),
        }));

        var snapshot = PlanSnapshot.From(new Plan(documents));

        Assert.Equal(
        [
            new("backup-policy:orphan-backup", "system", "system:gone"),
            new("function:enrolment", "dependsOn[1]", "person:grace"),
            new("function:enrolment", "dependsOn[2]", "vendor:payments-co"),
            new("function:payroll", "team", "team:finance"),
            new("role:incident-commander", "assignments.holders", "person:grace"),
            new("system:ledger", "team", "team:finance"),
            new("system:web-app", "dependsOn[2]", "vendor:payments-co"),
            new("system:web-app", "hosting.sites", "site:region-us"),
        ], snapshot.Unresolved);
        // A redundancy group keeps its other members; an entry with none left is dropped, and
        // the entries after it keep their index.
        Assert.Equal("DependsOn[0] Required system:web-app | DependsOn[1] Required person:ada | DependsOn[3] Required site:office site:region-eu",
            Describe(snapshot, snapshot.IndexOf("function:enrolment")));
        Assert.Equal("DependsOn[0] Required system:customer-db | DependsOn[1] Degraded role:incident-commander"
            + " | DependsOn[2] Required system:ledger | Hosting Hosting site:region-eu", Describe(snapshot, snapshot.IndexOf("system:web-app")));
        Assert.Equal(-1, snapshot.Teams[snapshot.IndexOf("system:ledger")]);
    }

    [Fact]
    public void A_plan_that_did_not_load_cleanly_is_refused()
    {
        var both = AcmeDocuments();
        ((SystemSpec)both.Single(d => d.Name == "cache").Spec).DependsOn =
            [new DependencySpec { On = Ref(ElementKind.System, "ledger"), AnyOf = [Ref(ElementKind.System, "web-app")] }];
        var twice = AcmeDocuments();
        twice.Add(Document(ElementKind.System, "cache", new SystemSpec { Type = SystemType.Service }));

        Assert.Contains("either 'on' or 'anyOf'", Assert.Throws<ArgumentException>(() => PlanSnapshot.From(new Plan(both))).Message, StringComparison.Ordinal);
        Assert.Contains("system:cache more than once", Assert.Throws<ArgumentException>(() => PlanSnapshot.From(new Plan(twice))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_plan_has_an_empty_snapshot()
    {
        var snapshot = PlanSnapshot.From(new Plan([]));

        Assert.Equal(0, snapshot.NodeCount);
        Assert.Equal(0, snapshot.Graph.NodeCount);
        Assert.Equal(0, snapshot.Graph.GroupCount);
        Assert.Empty(snapshot.Tags);
        Assert.Empty(snapshot.Select("region=eu-west-1"));
        Assert.Equal(0..0, snapshot.NodesOf(NodeKind.Role));
    }

    [Fact]
    public void Kinds_without_elements_leave_the_others_in_place()
    {
        var snapshot = PlanSnapshot.From(new Plan(AcmeDocuments().Where(d => d.Kind is not (ElementKind.BusinessFunction or ElementKind.Vendor))));

        Assert.Equal("system:cache", snapshot.Ids[0]);
        Assert.Equal(4..4, snapshot.NodesOf(NodeKind.Vendor));
        Assert.Equal("Within Required site:region-eu", Describe(snapshot, snapshot.IndexOf("site:zone-a")));
        Assert.Equal("Holders Required person:ada person:grace", Describe(snapshot, snapshot.IndexOf("role:incident-commander")));
    }

    [Fact]
    public void A_role_only_people_who_have_left_hold_still_depends_on_them()
    {
        var documents = AcmeDocuments();
        foreach (var document in documents.Where(d => d.Kind == ElementKind.Person))
        {
            ((PersonSpec)document.Spec).Active = false;
        }

        var snapshot = PlanSnapshot.From(new Plan(documents));

        Assert.Equal("Holders Required person:ada person:charles person:grace", Describe(snapshot, snapshot.IndexOf("role:incident-commander")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_order_of_documents_and_of_unordered_lists_does_not_change_the_snapshot(int seed)
    {
        var random = new Random(seed);
        var documents = AcmeDocuments();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(documents));
        foreach (var document in documents)
        {
            var labels = document.Metadata.Labels.Reverse().ToList();
            document.Metadata.Labels = labels.ToDictionary(l => l.Key, l => l.Value);
            switch (document.Spec)
            {
                case SystemSpec { Hosting: { } hosting }:
                    hosting.Sites.Reverse();
                    break;
                case RoleSpec role:
                    role.Assignments.Reverse();
                    role.Assignments.ForEach(a => a.Holders.Reverse());
                    break;
                default:
                    break;
            }
            foreach (var entry in Dependencies(document.Spec))
            {
                entry.AnyOf.Reverse();
            }
        }

        SnapshotAssert.Equal(Snapshot, PlanSnapshot.From(new Plan(documents)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Rows_in_any_order_give_the_same_snapshot(int seed)
    {
        // The database returns rows in no particular order; the builder must not care.
        var plan = SyntheticOrganisation.Generate(new GenerationOptions { Seed = seed, Functions = 30, Systems = 120, RedundancyShare = 0.3 });
        var expected = PlanSnapshot.From(plan);
        var source = PlanSource.Read(plan);
        var random = new Random(seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Functions));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Systems));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Sites));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.People));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Roles));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Holders));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Dependencies));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.BackupPolicies));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source.Teams));

        SnapshotAssert.Equal(expected, SnapshotBuilder.Build(source));
    }

    [Fact]
    public void The_demo_organisation_reads_as_its_plan_files_say()
    {
        var demo = DemoPlan.Load();
        Assert.False(demo.HasErrors);
        var snapshot = PlanSnapshot.From(demo.Plan);
        var licenseDb = snapshot.IndexOf("system:license-db");

        Assert.Equal(15 + 30 + 10 + 3 + 20 + 13, snapshot.NodeCount);
        Assert.Equal("DependsOn[0] Required system:aws-network | Vendor Required vendor:aws | Hosting Hosting site:aws-eu-west-1 site:aws-us-east-1",
            Describe(snapshot, licenseDb));
        Assert.Equal((360, 6, 120), (snapshot.RestoreMinutes[licenseDb], snapshot.RecoveryPointMinutes[licenseDb], snapshot.RtoMinutes[licenseDb]));
        Assert.Equal("Holders Required person:olivia-grant", Describe(snapshot, snapshot.IndexOf("role:license-on-call")));
        Assert.Contains(snapshot.IndexOf("system:license-api"), snapshot.Select("region=eu-west-1"));
        Assert.DoesNotContain(snapshot.IndexOf("system:license-api"), snapshot.SelectOwn("region=eu-west-1"));
        // The two systems are labelled with the region themselves.
        Assert.Equal(["system:eks-eu-west-1", "system:lti-service", "site:aws-eu-west-1"], snapshot.SelectOwn("region=eu-west-1").Select(n => snapshot.Ids[n]));
        Assert.Empty(snapshot.Unresolved);
        Assert.Empty(Enumerable.Range(0, snapshot.NodeCount).Where(n => snapshot.Unprotected[n]).Select(n => snapshot.Ids[n]));
    }

    /// <summary>A node's groups as "Origin[entry] Kind member member", members in node order.</summary>
    internal static string Describe(PlanSnapshot snapshot, int node)
    {
        var graph = snapshot.Graph;
        var groups = new List<string>();
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            var origin = snapshot.GroupOrigins[g] == GroupOrigin.DependsOn ? $"DependsOn[{snapshot.GroupDependsOnIndex[g]}]" : snapshot.GroupOrigins[g].ToString();
            var members = graph.MembersOf(g).ToArray().Select(m => snapshot.Ids[m]);
            groups.Add($"{origin} {graph.GroupKinds[g]} {string.Join(' ', members)}");
        }
        return string.Join(" | ", groups);
    }

    private static List<DependencySpec> Dependencies(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec f => f.DependsOn,
        SystemSpec s => s.DependsOn,
        VendorSpec v => v.DependsOn,
        _ => [],
    };
}
