using Continuity.Analysis;
using Continuity.Checks;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Tests.Support;
using static Continuity.Tests.Checks.CheckPlans;

namespace Continuity.Tests.Checks;

/// <summary>Each rule on the tiny shop of <see cref="CheckPlans"/>: one change makes it fire (on
/// the element named), a near miss does not.</summary>
public sealed class PlanChecksTests
{
    /// <summary>A change to the clean shop, the check it must (or must not) trigger, and for which element.</summary>
    public sealed record Case(string Name, Func<CheckPlans, CheckPlans> Change, string Check, string Element, int CriticalTier = 2)
    {
        public override string ToString() => Name;
    }

    private static CheckPlans Shop => Clean();

    private static readonly string SecondFunction = Function("refunds");

    public static TheoryData<Case> Fires { get; } =
    [
        // CT1xx recovery objectives and BIA
        new Case("critical function without owner", p => p.With(Function("checkout", owner: null)), "CT101", "function:checkout"),
        new Case("critical function without team", p => p.With(Function("checkout", team: null)), "CT102", "function:checkout"),
        new Case("critical function without objectives", p => p.With(Function("checkout", objectives: null)), "CT103", "function:checkout"),
        new Case("critical function without RPO", p => p.With(Function("checkout", objectives: "{mtpd: 1d, rto: 4h, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 4h}}")), "CT103", "function:checkout"),
        new Case("objectives never approved", p => p.With(Function("checkout", objectives: "{mtpd: 1d, rto: 4h, rpo: 1h}")), "CT104", "function:checkout"),
        new Case("objectives of a tier-4 function never approved", p => p.With(Function("filing", tier: 4, objectives: "{mtpd: 1w, rto: 1d}")), "CT104", "function:filing"),
        new Case("RTO changed after approval", p => p.With(Function("checkout", objectives: "{mtpd: 1d, rto: 3h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 4h, rpo: 1h}}")), "CT105", "function:checkout"),
        new Case("RPO set after approval", p => p.With(Function("checkout", objectives: "{mtpd: 1d, rto: 4h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 4h}}")), "CT105", "function:checkout"),
        new Case("approved by someone without an approving role", p => p.With(Function("checkout", objectives: "{mtpd: 1d, rto: 4h, rpo: 1h, approved: {by: cy, on: 2026-05-01, mtpd: 1d, rto: 4h, rpo: 1h}}")), "CT106", "function:checkout"),
        new Case("BIA misses a category", p => p.With(Function("checkout", impact: "{financial: {1h: minor, 1d: major}}")), "CT107", "function:checkout"),
        new Case("BIA misses a time point", p => p.With(Function("checkout", impact: "{financial: {1h: minor, 1d: major}, customer: {1d: major}}")), "CT107", "function:checkout"),
        new Case("no BIA at all", p => p.With(Function("checkout", impact: "{}")), "CT107", "function:checkout"),
        new Case("RTO equal to the MTPD", p => p.With(Function("checkout", objectives: "{mtpd: 4h, rto: 4h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 4h, rto: 4h, rpo: 1h}}")), "CT108", "function:checkout"),
        new Case("MTPD beyond the first intolerable rating", p => p.With(Function("checkout", objectives: "{mtpd: 2d, rto: 4h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 2d, rto: 4h, rpo: 1h}}")), "CT109", "function:checkout"),
        new Case("scenario without procedure takes a critical function down", p => p.With(Doc("Scenario", "db-loss", "fails: [system:shop-db]")), "CT110", "function:checkout"),
        new Case("procedure without steps", p => p.With(Doc("Procedure", "failover", "scenarios: [region-loss]")), "CT111", "procedure:failover"),
        new Case("no procedure for a scenario recovers the function it takes down", p => p.With(Doc("Scenario", "db-loss", "fails: [system:shop-db]")).With(Procedure("restore-db", "db-loss")), "CT112", "function:checkout"),
        new Case("a scenario's class has a tighter RTO than the scenario allows", p => DbLoss(p, "cyber", "{cyber: {rto: 30m}}"), "CT113", "function:checkout"),
        new Case("a scenario's class has a tighter RPO than the backups allow", p => DbLoss(p, "cyber", "{cyber: {rpo: 1m}}"), "CT115", "function:checkout"),
        new Case("a scenario without class misses the plain RTO", p => DbLoss(p, null, null).With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 5h}")), "CT113", "function:checkout"),
        new Case("a scenario's outage has no known end", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", hosting: "[eu]", dependsOn: "[system:shop-db]")), "CT114", "function:checkout"),

        // CT2xx dependency chain
        new Case("restore chain longer than the RTO", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{estimated: 4h}")), "CT201", "function:checkout"),
        new Case("function behind a loop", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", dependsOn: "[system:shop-app]")), "CT201", "function:checkout"),
        new Case("backups less frequent than the RPO", p => p.With(BackupPolicy("shop-db-backup", "shop-db", frequency: "2h")), "CT202", "function:checkout"),
        new Case("replication lag pushes the recovery point past the RPO", p => p.With(BackupPolicy("shop-db-backup", "shop-db", frequency: "1h")).With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", replicationLag: "1m")), "CT202", "function:checkout"),
        new Case("required data store without backups", p => p.Without("BackupPolicy/shop-db-backup"), "CT202", "function:checkout"),
        new Case("dependency with a longer RTO", p => p.With(SystemDoc("shop-db", "database", rto: "3h", rpo: "15m", restore: "{measured: 1h}")), "CT203", "system:shop-db"),
        new Case("function requiring a function with a longer RTO", p => p.With(Function("checkout", dependsOn: "[system:shop-app, function:refunds]")).With(Function("refunds", objectives: "{mtpd: 1d, rto: 8h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 8h, rpo: 1h}}")), "CT203", "function:refunds"),
        new Case("vendor's contractual RTO longer than its dependents' RTO", p => p.With(Vendor("cloudy", contractualRto: "3h")), "CT204", "vendor:cloudy"),
        new Case("system in a critical chain without restore estimate", p => p.With(SystemDoc("shop-app", "application", rto: "2h", dependsOn: "[system:shop-db]")), "CT205", "system:shop-app"),
        new Case("system needed by a tier-1 system only, without restore estimate", p => p.With(SystemDoc("shop-db", "database", tier: 3, rto: "2h", rpo: "15m")), "CT205", "system:shop-db"),
        new Case("dependency loop", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", dependsOn: "[system:shop-app]")), "CT206", "system:shop-app"),
        new Case("system nothing needs", p => p.With(SystemDoc("spare", "application", tier: 3, restore: "{estimated: 1h}")), "CT207", "system:spare"),
        new Case("vendor nothing needs", p => p.With(Vendor("unused")), "CT207", "vendor:unused"),
        new Case("system needed only by a system nothing needs", p => p.With(SystemDoc("spare", "application", tier: 3, dependsOn: "[system:spare-db]")).With(SystemDoc("spare-db", "database", tier: 3)), "CT207", "system:spare-db"),

        // CT3xx people and roles
        new Case("role without assignments", p => p.With(Doc("Role", "scribe", "description: Keeps the log.")), "CT301", "role:scribe"),
        new Case("role assignment nobody holds yet", p => p.With(Doc("Role", "scribe", "assignments:\n  - recovers: [system:shop-db]")), "CT301", "role:scribe"),
        new Case("role held only by someone who left", p => p.With(Person("dan", active: false)).With(Role("scribe", "[dan]")), "CT301", "role:scribe"),
        new Case("role with one holder", p => p.With(Role("on-call", "[bob]")), "CT302", "role:on-call"),
        new Case("team assignment with one holder", p => p.With(Doc("Role", "team-lead", "assignments:\n  - holders: [ada, bob]\n  - team: ops\n    holders: [cy]")), "CT302", "role:team-lead"),
        new Case("one person is the only holder of two critical roles", p => p.With(Role("on-call", "[bob]")).With(Role("approver", "[bob]", flags: "canApprovePlans: true")), "CT303", "person:bob"),
        new Case("person who left holds a role", p => p.With(Person("cy", active: false)), "CT304", "role:on-call"),
        new Case("step whose role has one holder and no backup role", p => p.With(Role("on-call", "[bob]")), "CT305", "procedure:failover"),
        new Case("step whose backup role is held by the same person", p => p.With(Role("on-call", "[bob]")).With(Role("deputy", "[bob]")).With(Procedure("failover", "region-loss", backup: "deputy")), "CT305", "procedure:failover"),
        new Case("contact details older than 12 months", p => p.With(Person("cy", verified: "2025-11-27")), "CT306", "person:cy"),
        new Case("contact details never verified", p => p.With(Person("cy", verified: "")), "CT306", "person:cy"),
        new Case("step without a responsible role", p => p.With(Doc("Procedure", "failover", "scenarios: [region-loss]\nsteps:\n  - id: act\n    title: Act")), "CT307", "procedure:failover"),
        new Case("one person is the primary of two critical roles", p => p.With(Role("on-call", "[ada, cy]")), "CT308", "person:ada"),
        new Case("the first holder has left, so the next one is the primary", p => p.With(Person("dan", active: false)).With(Role("on-call", "[dan, ada, cy]")), "CT308", "person:ada"),
        new Case("the alternate of a critical role has stale contact details", p => p.With(Person("cy", verified: "2025-11-27")), "CT309", "person:bob"),
        new Case("the alternate of a critical role never confirmed their contact details", p => p.With(Person("cy", verified: "")), "CT309", "person:bob"),

        // CT4xx backups
        new Case("critical database without backup policy", p => p.Without("BackupPolicy/shop-db-backup"), "CT401", "system:shop-db"),
        new Case("critical system with an RPO but no backup policy", p => p.With(SystemDoc("shop-app", "application", rto: "2h", rpo: "1h", restore: "{measured: 20m}", dependsOn: "[system:shop-db]")), "CT401", "system:shop-app"),
        new Case("backups without offsite copy", p => p.With(BackupPolicy("shop-db-backup", "shop-db", offsite: null)), "CT402", "backup-policy:shop-db-backup"),
        new Case("offsite copy in the same site as the backups", p => p.With(BackupPolicy("shop-db-backup", "shop-db", offsite: "{site: eu}")), "CT402", "backup-policy:shop-db-backup"),
        new Case("no additional full local backup", p => p.With(BackupPolicy("shop-db-backup", "shop-db", localFull: null)), "CT403", "backup-policy:shop-db-backup"),
        new Case("no measured restore and no restore validation", p => p.With(BackupPolicy("shop-db-backup", "shop-db", validation: null)).With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{estimated: 1h}")), "CT404", "system:shop-db"),
        new Case("measured once but no restore validation", p => p.With(BackupPolicy("shop-db-backup", "shop-db", validation: null)), "CT405", "backup-policy:shop-db-backup"),
        new Case("backups not monitored", p => p.With(BackupPolicy("shop-db-backup", "shop-db", monitoring: null)), "CT406", "backup-policy:shop-db-backup"),
        new Case("backup policy without frequency", p => p.With(BackupPolicy("shop-db-backup", "shop-db", frequency: null)), "CT407", "backup-policy:shop-db-backup"),

        // CT5xx vendors, sites, single points of failure
        new Case("vendor of a critical system without emergency contact", p => p.With(Vendor("cloudy", contacts: "[]")), "CT501", "vendor:cloudy"),
        new Case("vendor whose only contact has no phone or e-mail", p => p.With(Vendor("cloudy", contacts: "[{name: Desk}]")), "CT501", "vendor:cloudy"),
        new Case("vendor of a critical system without contractual RTO", p => p.With(Vendor("cloudy", contractualRto: null)), "CT502", "vendor:cloudy"),
        new Case("one vendor takes down both critical functions", p => p.With(SecondFunction), "CT503", "vendor:cloudy"),
        new Case("one site takes down both critical functions", p => p.With(SecondFunction).With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", hosting: "[eu]", dependsOn: "[system:shop-db]")), "CT503", "site:eu"),
        new Case("single point of failure restores slower than the RTO", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 5h}")), "CT504", "system:shop-db"),
        new Case("vendor whose contractual RTO exceeds the function's RTO", p => p.With(Vendor("cloudy", contractualRto: "5h")), "CT504", "vendor:cloudy"),
        new Case("system in one site only", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", hosting: "[eu]", dependsOn: "[system:shop-db]")), "CT505", "site:eu"),
        new Case("vendor without contractual RTO that the function cannot do without", p => p.With(Vendor("cloudy", contractualRto: null)), "CT505", "vendor:cloudy"),
        new Case("system without restore estimate that the function cannot do without", p => p.With(SystemDoc("shop-app", "application", rto: "2h", dependsOn: "[system:shop-db]")), "CT505", "system:shop-app"),
        new Case("redundant databases on one storage system", p => SharedStorage(p), "CT506", "system:san"),
        new Case("a function's own alternatives need the same database", p => p.With(Function("checkout", dependsOn: "[{anyOf: [system:shop-app, system:shop-app-b]}]")).With(SystemDoc("shop-app-b", "application", rto: "2h", restore: "{measured: 20m}", dependsOn: "[system:shop-db]")), "CT506", "system:shop-db"),
        new Case("redundant databases with one vendor", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", vendor: null, dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]")).With(SystemDoc("shop-db-replica", "database", rto: "2h", rpo: "15m", restore: "{measured: 10m}")).With(BackupPolicy("replica-backup", "shop-db-replica")), "CT506", "vendor:cloudy"),
        new Case("hosting zones within one region", p => p.With(Doc("Site", "eu", "type: cloud-zone\nwithin: europe")).With(Doc("Site", "us", "type: cloud-zone\nwithin: europe")).With(Doc("Site", "europe", "type: cloud-region")), "CT506", "site:europe"),
        new Case("function that needs a role held by one person", p => p.With(Function("checkout", dependsOn: "[system:shop-app, role:on-call]")).With(Role("on-call", "[bob]")), "CT505", "person:bob"),

        // CT6xx governance
        new Case("plan review: no evidence yet", p => p, "CT601", "organisation:shop"),
        new Case("expired waiver", p => p.With(Organisation(Waiver("CT207", "vendor:unused", "2026-11-27"))).With(Vendor("unused")), "CT602", "vendor:unused"),
        new Case("waiver for a check that does not exist", p => p.With(Organisation(Waiver("CT999", "system:shop-db", "2027-01-01"))), "CT603", "system:shop-db"),
        new Case("waiver that waives nothing", p => p.With(Organisation(Waiver("CT402", "backup-policy:shop-db-backup", "2027-01-01"))), "CT604", "backup-policy:shop-db-backup"),
    ];

    public static TheoryData<Case> DoesNotFire { get; } =
    [
        new Case("tier-3 function without owner, team, objectives or BIA", p => p.With(Function("filing", tier: 3, owner: null, team: null, objectives: null, impact: "{}")), "CT101", "function:filing"),
        new Case("tier-3 function without objectives", p => p.With(Function("filing", tier: 3, objectives: null)), "CT103", "function:filing"),
        new Case("tier-3 function with an incomplete BIA", p => p.With(Function("filing", tier: 3, impact: "{}")), "CT107", "function:filing"),
        new Case("tier-2 function is critical by default but not with critical tier 1", p => p.With(Function("checkout", tier: 2, owner: null)), "CT101", "function:checkout", CriticalTier: 1),
        new Case("MTPD exactly at the first intolerable rating", p => p, "CT109", "function:checkout"),
        new Case("scenario without procedure that takes nothing critical down", p => p.With(Doc("Scenario", "eu-loss", "fails: [site:eu]")), "CT110", "function:checkout"),
        new Case("a procedure for the scenario recovers the function", p => DbLoss(p, null, null), "CT112", "function:checkout"),
        new Case("a scenario without procedure is CT110 alone", p => p.With(Doc("Scenario", "db-loss", "fails: [system:shop-db]")), "CT112", "function:checkout"),
        new Case("the scenario's class allows longer than the plain RTO", p => DbLoss(p, "cyber", "{cyber: {rto: 6h}}").With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 5h}")), "CT113", "function:checkout"),
        new Case("the backups meet the class's RPO", p => DbLoss(p, "cyber", "{cyber: {rpo: 1d}}"), "CT115", "function:checkout"),
        new Case("another class's RPO does not apply", p => DbLoss(p, "cyber", "{region: {rpo: 1m}}"), "CT115", "function:checkout"),
        new Case("another class's RTO does not apply", p => DbLoss(p, "cyber", "{region: {rto: 30m}}"), "CT113", "function:checkout"),
        new Case("a recovery site that is up lets the restore start at once", p => p.With(Doc("System", "shop-app", "type: application\nteam: ops\ntier: 1\nrestore: {measured: 20m}\nvendor: cloudy\nhosting: {sites: [eu], recoverySites: [us]}\ndependsOn: [system:shop-db]")), "CT114", "function:checkout"),
        new Case("a system its vendor restores needs no estimate of its own", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{byVendor: true}", dependsOn: "[system:shop-db]")).With(Vendor("cloudy", contractualRto: null)), "CT205", "system:shop-app"),
        new Case("restore chain exactly as long as the RTO", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 160m}")), "CT201", "function:checkout"),
        new Case("a degraded dependency does not lengthen the chain", p => p.With(Function("checkout", dependsOn: "[system:shop-app, {on: system:slow, type: degraded}]")).With(SystemDoc("slow", "application", tier: 3, restore: "{estimated: 1d}")), "CT201", "function:checkout"),
        new Case("recovery point exactly at the RPO", p => p.With(BackupPolicy("shop-db-backup", "shop-db", frequency: "1h")), "CT202", "function:checkout"),
        new Case("one alternative of a redundancy group meets the RTO", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]")).With(SystemDoc("shop-db", "database", rto: "3h", rpo: "15m", restore: "{measured: 1h}")).With(SystemDoc("shop-db-replica", "database", rto: "1h", rpo: "15m", restore: "{measured: 10m}")).With(BackupPolicy("replica-backup", "shop-db-replica")), "CT203", "system:shop-db"),
        new Case("contractual RTO equal to the dependents' RTO", p => p.With(Vendor("cloudy", contractualRto: "2h")), "CT204", "vendor:cloudy"),
        new Case("a step without a responsible role is CT307 alone", p => p.With(Doc("Procedure", "failover", "scenarios: [region-loss]\nsteps:\n  - id: act\n    title: Act")), "CT305", "procedure:failover"),
        new Case("a step with a responsible role", p => p, "CT307", "procedure:failover"),
        new Case("backups of a tier-3 system nothing critical needs, without frequency", p => p.With(SystemDoc("archive", "database", tier: 3, restore: "{estimated: 1h}")).With(BackupPolicy("archive-backup", "archive", frequency: null)), "CT407", "backup-policy:archive-backup"),
        new Case("active holders and a backup role give a step two people", p => p.With(Role("on-call", "[bob]")).With(Procedure("failover", "region-loss", backup: "approver")), "CT305", "procedure:failover"),
        new Case("contact details verified exactly 12 months ago", p => p.With(Person("cy", verified: "2025-11-28")), "CT306", "person:cy"),
        new Case("the sole holder of two critical roles is CT303 alone", p => p.With(Role("on-call", "[bob]")).With(Role("approver", "[bob]", flags: "canApprovePlans: true")), "CT308", "person:bob"),
        new Case("primary of one critical role and alternate of another", p => p.With(Role("on-call", "[bob, ada]")), "CT308", "person:ada"),
        new Case("primary of a role that is not critical", p => p.With(Role("scribe", "[ada, cy]")), "CT308", "person:ada"),
        new Case("the alternate confirmed their contact details exactly 12 months ago", p => p.With(Person("cy", verified: "2025-11-28")), "CT309", "person:bob"),
        new Case("a role with one holder is CT302, not CT309", p => p.With(Role("on-call", "[bob]")).With(Person("cy", verified: "")), "CT309", "person:bob"),
        new Case("an alternate who left is CT304, not CT309", p => p.With(Person("cy", active: false)), "CT309", "person:bob"),
        new Case("person who left is not asked to verify", p => p.With(Person("dan", verified: "", active: false)), "CT306", "person:dan"),
        new Case("stateless critical application without backup policy", p => p, "CT401", "system:shop-app"),
        new Case("tier-3 database nobody critical needs", p => p.With(SystemDoc("archive", "database", tier: 3, restore: "{estimated: 1h}")).With(Function("filing", tier: 3, dependsOn: "[system:archive]")), "CT401", "system:archive"),
        new Case("sites of a redundancy group are no concentration", p => p.With(SecondFunction), "CT503", "site:eu"),
        new Case("a redundant database is no single point of failure", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]")).With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 5h}")).With(SystemDoc("shop-db-replica", "database", rto: "2h", rpo: "15m", restore: "{measured: 10m}")).With(BackupPolicy("replica-backup", "shop-db-replica")), "CT504", "system:shop-db"),
        new Case("restore exactly as long as the RTO", p => p.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 4h}")), "CT504", "system:shop-db"),
        new Case("a degraded dependency is no single point of failure", p => p.With(Function("checkout", dependsOn: "[system:shop-app, {on: system:slow, type: degraded}]")).With(SystemDoc("slow", "application", tier: 3)), "CT505", "system:slow"),
        new Case("a system in two sites survives the loss of one", p => p, "CT505", "site:eu"),
        new Case("redundant databases that share nothing", p => Independent(p), "CT506", "vendor:cloudy"),
        new Case("sites of a redundancy group are no common-mode failure", p => p, "CT506", "site:eu"),
        new Case("a vendor the group's owner requires itself is its own single point of failure, not a common-mode one", p => p.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]")).With(SystemDoc("shop-db-replica", "database", rto: "2h", rpo: "15m", restore: "{measured: 10m}")).With(BackupPolicy("replica-backup", "shop-db-replica")), "CT506", "vendor:cloudy"),
        new Case("a shared element behind a group whose owner the function can lose is not the function's", p => SharedStorage(p).With(Function("checkout", dependsOn: "[{anyOf: [system:shop-app, system:shop-app-b]}]")).With(SystemDoc("shop-app-b", "application", rto: "2h", restore: "{measured: 20m}", vendor: null, hosting: "[us]")), "CT506", "system:san"),
        new Case("a role with two holders is no single point of failure", p => p.With(Function("checkout", dependsOn: "[system:shop-app, role:on-call]")), "CT505", "person:bob"),
        new Case("waiver on its last day", p => p.With(Organisation(Waiver("CT207", "vendor:unused", "2026-11-28"))).With(Vendor("unused")), "CT602", "vendor:unused"),
    ];

    /// <summary>The scenario db-loss (of <paramref name="disruption"/>, if any) fails shop-db, and a
    /// procedure for it recovers checkout, whose objectives add <paramref name="byDisruption"/>.</summary>
    private static CheckPlans DbLoss(CheckPlans plan, string? disruption, string? byDisruption) =>
        plan.With(Doc("Scenario", "db-loss", (disruption is null ? "" : $"disruption: {disruption}\n") + "fails: [system:shop-db]"))
            .With(Procedure("restore-db", "db-loss", recovers: "[function:checkout]"))
            .With(byDisruption is null ? Function("checkout") : Function("checkout", objectives: ObjectivesByDisruption(byDisruption)));

    [Fact]
    public void The_clean_shop_has_no_finding_but_the_missing_review_and_exercise_evidence()
    {
        var result = Shop.Analyse();
        Assert.Equal([("CT601", Severity.Info, "organisation:shop"), ("CT605", Severity.Info, "organisation:shop")],
            result.Findings.Select(f => (f.CheckId, f.Severity, f.ElementId)));
        Assert.All(result.Findings, f => Assert.Contains("no evidence yet", f.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Fires))]
    public void A_rule_fires_on_the_element_it_concerns(Case test)
    {
        var findings = test.Change(Shop).Analyse().Findings;
        var finding = Assert.Single(findings, f => f.CheckId == test.Check && f.ElementId == test.Element);
        var check = CheckCatalogue.Find(test.Check)!;
        Assert.Equal(check.Severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(string.IsNullOrWhiteSpace(finding.Hint));
        Assert.NotNull(finding.Location);
        Assert.Equal("plan.yaml", finding.Location.File);
    }

    [Theory]
    [MemberData(nameof(DoesNotFire))]
    public void A_rule_does_not_fire_on_a_near_miss(Case test)
    {
        var findings = test.Change(Shop).Analyse(criticalTier: test.CriticalTier).Findings;
        Assert.DoesNotContain(findings, f => f.CheckId == test.Check && f.ElementId == test.Element);
    }

    [Fact]
    public void The_achievable_rto_names_the_gap_and_the_critical_path()
    {
        var plan = Shop.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{estimated: 4h}"));
        var finding = Assert.Single(plan.Analyse().Findings, f => f.CheckId == "CT201");
        Assert.Equal(
            "Function checkout can be back after 5h 20m at best, 1h 20m later than its RTO of 4h. Critical path: checkout ← shop-app (20m) ← shop-db (4h) ← cloudy (1h).",
            finding.Message);
    }

    private const string ZeroObjectives = "{mtpd: 1d, rto: 0m, rpo: 0m, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 0m, rpo: 0m}}";

    /// <summary>The shop with automatic failover and synchronous replication: nothing to restore
    /// and nothing lost, unless a parameter says otherwise.</summary>
    private static CheckPlans AtOnce(string dbRestore = "0m", string lag = "0m", string frequency = "0m") => Shop
        .With(Function("checkout", objectives: ZeroObjectives))
        .With(SystemDoc("shop-app", "application", rto: "0m", restore: "{measured: 0m}", dependsOn: "[system:shop-db]"))
        .With(SystemDoc("shop-db", "database", rto: "0m", rpo: "0m", restore: $"{{measured: {dbRestore}}}", replicationLag: lag))
        .With(Vendor("cloudy", contractualRto: "0m"))
        .With(BackupPolicy("shop-db-backup", "shop-db", frequency: frequency));

    [Fact]
    public void A_zero_rto_is_met_by_a_chain_that_restores_at_once_and_missed_by_one_that_takes_five_minutes()
    {
        var atOnce = AtOnce().Analyse();
        var checkout = atOnce.Snapshot.NodeIndex["function:checkout"];

        Assert.Equal(0, atOnce.Snapshot.RtoMinutes[checkout]);
        Assert.Equal(0, atOnce.Snapshot.RpoMinutes[checkout]);
        Assert.Equal(0, atOnce.WorstCase.Minutes[checkout]);
        Assert.DoesNotContain(atOnce.Findings, f => f.CheckId is "CT103" or "CT201" or "CT202" or "CT203" or "CT204" or "CT205" or "CT504");

        var late = Assert.Single(AtOnce(dbRestore: "5m").Analyse().Findings, f => f.CheckId == "CT201");
        Assert.Equal("Function checkout can be back after 5m at best, 5m later than its RTO of 0m. Critical path: checkout ← shop-app (0m) ← shop-db (5m) ← cloudy (0m).", late.Message);
    }

    [Fact]
    public void A_zero_rpo_is_met_only_by_data_copied_as_it_is_written_without_lag()
    {
        Assert.DoesNotContain(AtOnce().Analyse().Findings, f => f.CheckId == "CT202");

        var lagging = Assert.Single(AtOnce(lag: "1m").Analyse().Findings, f => f.CheckId == "CT202");
        Assert.Contains("up to 1m of data, more than its RPO of 0m", lagging.Message, StringComparison.Ordinal);
        var backedUp = Assert.Single(AtOnce(frequency: "5m").Analyse().Findings, f => f.CheckId == "CT202");
        Assert.Contains("up to 5m of data, more than its RPO of 0m", backedUp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gaps_of_a_plan_under_construction_are_findings_at_file_line_and_column()
    {
        var loaded = IncompletePlan.Load();
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));

        var findings = PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(Today) { Sources = loaded.Sources }).Findings;
        SourceLocation? At(string check, string element) => Assert.Single(findings, f => f.CheckId == check && f.ElementId == element).Location;

        Assert.Equal(IncompletePlan.At("name: checkout", "checkout"), At("CT103", "function:checkout"));
        Assert.Equal(IncompletePlan.At("name: failover", "failover"), At("CT111", "procedure:failover"));
        Assert.Equal(IncompletePlan.At("name: shop-db", "shop-db"), At("CT205", "system:shop-db"));
        Assert.Equal(IncompletePlan.At("name: on-call", "recovers:"), At("CT301", "role:on-call"));
        Assert.Equal(IncompletePlan.At("name: restore-shop", "id: restore-db"), At("CT307", "procedure:restore-shop"));
        Assert.Equal(IncompletePlan.At("name: shop-db-backup", "shop-db-backup"), At("CT407", "backup-policy:shop-db-backup"));
        Assert.DoesNotContain(findings, f => f.CheckId == "CT305");
        Assert.DoesNotContain(findings, f => f.ElementId == "system:ledger" && f.CheckId is "CT205" or "CT404");
    }

    [Fact]
    public void The_achievable_rpo_names_the_data_store_responsible()
    {
        var finding = Assert.Single(Shop.With(BackupPolicy("shop-db-backup", "shop-db", frequency: "2h")).Analyse().Findings, f => f.CheckId == "CT202");
        Assert.Contains("up to 2h of data", finding.Message, StringComparison.Ordinal);
        Assert.Contains("system shop-db", finding.Message, StringComparison.Ordinal);
        Assert.Contains("checkout ← shop-app ← shop-db", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_is_reported_with_its_whole_path()
    {
        var plan = Shop.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", dependsOn: "[system:shop-app]"));
        var finding = Assert.Single(plan.Analyse().Findings, f => f.CheckId == "CT206");
        Assert.Contains("shop-app → shop-db → shop-app", finding.Message, StringComparison.Ordinal);
        Assert.Equal(plan.LineOf("name: shop-app", "dependsOn:"), finding.Location!.Line);
    }

    [Fact]
    public void An_element_that_requires_itself_is_a_loop()
    {
        var loaded = PlanLoader.LoadTexts([("plan.yaml", Shop.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", dependsOn: "[system:shop-db]")).Text)]);
        Assert.Contains(loaded.Diagnostics, d => d.Code == PlanFileCodes.DependsOnItself);
        var findings = PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(Today)).Findings;
        var loop = Assert.Single(findings, f => f.CheckId == "CT206");
        Assert.Equal(("system:shop-db", "System shop-db requires itself."), (loop.ElementId, loop.Message));
        Assert.Contains(findings, f => f.CheckId == "CT201" && f.ElementId == "function:checkout" && f.Message.Contains("never", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_scenario_without_procedure_is_weighed_even_beyond_sixty_four_of_them()
    {
        var plan = Shop;
        for (var i = 0; i < 70; i++)
        {
            plan = plan.With(Doc("Scenario", $"db-loss-{i:D2}", i % 2 == 0 ? "fails: [system:shop-db]" : "fails: [site:eu]"));
        }
        var scenarios = plan.Analyse().Findings.Where(f => f.CheckId == "CT110").Select(f => f.Message.Split(' ')[1]).ToList();
        Assert.Equal(Enumerable.Range(0, 35).Select(i => $"db-loss-{2 * i:D2}"), scenarios);
    }

    [Fact]
    public void A_reference_to_an_element_that_is_not_in_the_plan_is_dangling()
    {
        var loaded = Shop.Load();
        var plan = new Plan(loaded.Plan.Documents.Where(d => d.Name != "cloudy"));
        var findings = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(Today)).Findings;
        var dangling = findings.Where(f => f.CheckId == "CT208").Select(f => (f.ElementId, f.Severity)).ToList();
        Assert.Equal([("system:shop-app", Severity.Error), ("system:shop-db", Severity.Error)], dangling);
    }

    [Fact]
    public void A_single_point_of_failure_names_the_chain_from_the_function()
    {
        var plan = Shop.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", hosting: "[eu]", dependsOn: "[system:shop-db]"));
        var finding = Assert.Single(plan.Analyse().Findings, f => f.CheckId == "CT505");
        Assert.Equal(
            "Site eu is a single point of failure: its loss alone takes down critical function checkout (tier 1, RTO 4h), and nothing in the plan says when a site is back. Chain: checkout → shop-app → eu.",
            finding.Message);
    }

    [Fact]
    public void Findings_point_at_the_most_useful_key()
    {
        var plan = Shop.With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{estimated: 5h}"))
            .With(Role("on-call", "[bob]", flags: "description: On call."))
            .With(Person("cy", verified: "2025-01-01"))
            .With(BackupPolicy("shop-db-backup", "shop-db", offsite: null));
        var findings = plan.Analyse().Findings;
        SourceLocation At(string check) => Assert.Single(findings, f => f.CheckId == check).Location!;

        Assert.Equal(plan.At("name: checkout", "rto: 4h", offset: 5), At("CT201"));
        Assert.Equal(plan.LineOf("name: on-call", "- holders: [bob]"), At("CT302").Line);
        Assert.Equal(plan.LineOf("name: failover", "responsible: on-call"), At("CT305").Line);
        Assert.Equal(plan.At("name: cy", "2025-01-01"), At("CT306"));
        Assert.Equal(plan.LineOf("name: shop-db-backup", "storage:"), At("CT402").Line);
        Assert.Equal(plan.At("name: shop-db", "estimated: 5h", offset: 11), At("CT504"));
    }

    [Fact]
    public void A_scenario_finding_names_the_scenario_and_its_class_and_points_at_the_objective_it_misses()
    {
        var plan = DbLoss(Shop, "cyber", "{region: {rto: 8h}, cyber: {rto: 30m}}");
        var findings = plan.Analyse().Findings;

        var breach = Assert.Single(findings, f => f.CheckId == "CT113");
        Assert.Equal("In scenario db-loss (a cyber disruption), function checkout is back after 1h at best, 30m later than its cyber RTO of 30m.", breach.Message);
        Assert.Equal(plan.At("cyber: {rto: 30m}", "rto: 30m", offset: 5), breach.Location);
    }

    [Fact]
    public void A_function_missed_in_several_scenarios_gets_one_finding_for_the_worst_naming_the_others()
    {
        var plan = DbLoss(Shop, "cyber", "{cyber: {rto: 30m}}")
            .With(Doc("Scenario", "db-loss-again", "disruption: cyber\nfails: [system:shop-db]"))
            .With(Doc("Scenario", "db-and-app-loss", "disruption: cyber\nfails: [system:shop-db, system:shop-app]"));

        var breach = Assert.Single(plan.Analyse().Findings, f => f.CheckId == "CT113");

        Assert.StartsWith("In scenario db-and-app-loss (a cyber disruption), function checkout is back after", breach.Message);
        Assert.EndsWith("The same happens in 2 other scenarios: db-loss, db-loss-again.", breach.Message);
    }

    [Fact]
    public void An_open_ended_outage_in_a_scenario_says_by_when_it_must_end()
    {
        var plan = Shop.With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", hosting: "[eu]", dependsOn: "[system:shop-db]"))
            .With(Doc("Scenario", "region-loss", "disruption: region\nfails: [site:eu]"));
        var finding = Assert.Single(plan.Analyse().Findings, f => f.CheckId == "CT114");

        Assert.Equal("In scenario region-loss (a region disruption), function checkout waits for eu, whose outage has no known end: it meets its RTO of 4h only if that outage ends within 3h 40m.", finding.Message);
        Assert.Equal(plan.At("name: checkout", "rto: 4h", offset: 5), finding.Location);
    }

    [Fact]
    public void A_scenario_whose_procedures_do_not_recover_a_function_is_reported_at_the_scenario_naming_them()
    {
        var plan = Shop.With(Doc("Scenario", "db-loss", "fails: [system:shop-db]"))
            .With(Procedure("restore-db", "db-loss"))
            .With(Procedure("tell-customers", "db-loss", recovers: "[function:refunds]"))
            .With(SecondFunction);
        var findings = plan.Analyse().Findings.Where(f => f.CheckId == "CT112").ToList();

        var checkout = Assert.Single(findings);                            // refunds is recovered by tell-customers
        Assert.Equal("function:checkout", checkout.ElementId);
        Assert.Equal("Scenario db-loss takes tier-1 function checkout down, and none of its procedures (restore-db, tell-customers) recovers it.", checkout.Message);
        Assert.Contains("function:checkout", checkout.Hint, StringComparison.Ordinal);
        Assert.Contains("restore-db, tell-customers", checkout.Hint, StringComparison.Ordinal);
        Assert.Equal(plan.At("name: db-loss", "db-loss"), checkout.Location);
        Assert.DoesNotContain(plan.Analyse().Findings, f => f.CheckId == "CT110");
    }

    [Fact]
    public void A_database_plan_has_no_locations()
    {
        var loaded = Shop.With(Role("on-call", "[bob]")).Load();
        var findings = PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(Today)).Findings;
        Assert.Contains(findings, f => f.CheckId == "CT302");
        Assert.All(findings, f => Assert.Null(f.Location));
    }

    [Fact]
    public void Findings_are_sorted_by_severity_then_check_then_element()
    {
        var plan = Shop.With(Role("on-call", "[bob]")).With(Person("cy", verified: "")).With(Person("ada", verified: "2020-01-01"))
            .With(BackupPolicy("shop-db-backup", "shop-db", localFull: null, monitoring: null)).With(Vendor("unused"));
        var findings = plan.Analyse().Findings;
        var keys = findings.Select(f => (f.Severity, f.CheckId, f.ElementId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Severity).ThenBy(k => k.CheckId, StringComparer.Ordinal).ThenBy(k => k.ElementId, StringComparer.Ordinal), keys);
        Assert.Equal(
        [
            "CT302 role:on-call", "CT305 procedure:failover",
            "CT306 person:ada", "CT306 person:cy", "CT309 person:bob", "CT403 backup-policy:shop-db-backup", "CT406 backup-policy:shop-db-backup",
            "CT207 vendor:unused", "CT601 organisation:shop", "CT605 organisation:shop",
        ], findings.Select(f => $"{f.CheckId} {f.ElementId}"));
    }

    [Fact]
    public void A_current_waiver_marks_its_finding_which_then_does_not_count()
    {
        var plan = Shop.With(Vendor("unused"))
            .With(Organisation(Waiver("CT207", "vendor:unused", "2026-12-31")));
        var result = plan.Analyse();
        var waived = Assert.Single(result.Findings, f => f.CheckId == "CT207");
        Assert.Equal(new Waiver("CT207", "vendor:unused", "Kept for the migration.", "ada", new DateOnly(2026, 12, 31)), waived.WaivedBy);
        Assert.DoesNotContain(result.Unwaived, f => f.CheckId == "CT207");
        Assert.DoesNotContain(result.Findings, f => f.CheckId is "CT602" or "CT603" or "CT604");
    }

    [Fact]
    public void An_expired_waiver_waives_nothing_and_is_a_finding_itself()
    {
        var plan = Shop.With(Vendor("unused")).With(Organisation(Waiver("CT207", "vendor:unused", "2026-11-27")));
        var result = plan.Analyse();
        var orphan = Assert.Single(result.Findings, f => f.CheckId == "CT207");
        Assert.Null(orphan.WaivedBy);
        var expired = Assert.Single(result.Findings, f => f.CheckId == "CT602");
        Assert.Equal(Severity.Warning, expired.Severity);
        Assert.Contains("expired on 2026-11-27", expired.Message, StringComparison.Ordinal);
        Assert.Equal(plan.LineOf("waivers:", "expires:"), expired.Location!.Line);
        Assert.Equal(2, result.Unwaived.Count(f => f.CheckId is "CT207" or "CT602"));
    }

    [Fact]
    public void A_waiver_for_an_element_that_is_not_in_the_plan_waives_nothing()
    {
        var loaded = Shop.Load();
        var organisation = (OrganisationSpec)loaded.Plan.Organisation!.Spec;
        organisation.Waivers.Add(new WaiverSpec
        {
            Check = "CT207",
            Element = Reference.To(ElementKind.System, "gone"),
            Reason = "Left over.",
            Owner = Reference.To(ElementKind.Person, "ada"),
            Expires = new DateOnly(2027, 1, 1),
        });
        var findings = PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(Today)).Findings;
        var finding = Assert.Single(findings, f => f.CheckId == "CT603");
        Assert.Equal("system:gone", finding.ElementId);
    }

    [Fact]
    public void The_results_do_not_depend_on_the_order_of_the_plan_files()
    {
        var plan = Shop.With(Role("on-call", "[bob]")).With(Vendor("cloudy", contractualRto: "5h")).With(SecondFunction);
        var documents = plan.Text.Split("---\n");
        var forwards = PlanLoader.LoadTexts(documents.Select((d, i) => ($"{i:D2}.yaml", d)));
        var backwards = PlanLoader.LoadTexts(documents.Reverse().Select((d, i) => ($"{i:D2}.yaml", d)));
        string Run(PlanLoadResult loaded) => string.Join("\n", PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(Today))
            .Findings.Select(f => $"{f.Severity} {f.CheckId} {f.ElementId} {f.Message}"));
        Assert.Equal(Run(forwards), Run(backwards));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Single_points_of_failure_and_concentration_agree_with_the_failure_sets(int seed)
    {
        var plan = SyntheticOrganisation.Generate(new GenerationOptions
        {
            Seed = seed,
            Functions = 60,
            Systems = 300,
            Vendors = 15,
            Sites = 6,
            People = 80,
            Teams = 5,
        });
        var snapshot = PlanSnapshot.From(plan);
        var result = PlanAnalysis.Run(plan, snapshot, new AnalysisOptions(Today));

        // The oracle: TakesDown of every critical function, and the outages as docs/checks.md defines them.
        var missed = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var takenDown = new Dictionary<int, int>();
        var counted = 0;
        var functions = snapshot.NodesOf(NodeKind.Function);
        for (var f = functions.Start.Value; f < functions.End.Value; f++)
        {
            if (snapshot.Tiers[f] is < 1 or > 2)
            {
                continue;
            }
            counted++;
            foreach (var x in result.Fails.TakesDown(f).Where(x => x != f))
            {
                var kind = snapshot.Kinds[x];
                if (kind is NodeKind.Vendor or NodeKind.Site)
                {
                    takenDown[x] = takenDown.GetValueOrDefault(x) + 1;
                }
                int? outage = kind switch
                {
                    NodeKind.System => snapshot.RestoreKnown[x] ? snapshot.RestoreMinutes[x] : null,
                    NodeKind.Vendor => snapshot.ContractualRtoMinutes[x] >= 0 ? snapshot.ContractualRtoMinutes[x] : null,
                    NodeKind.Site or NodeKind.Person => null,
                    _ => 0,
                };
                if (snapshot.RtoMinutes[f] < 0 || outage == 0)
                {
                    continue;
                }
                if (outage is null)
                {
                    unknown.Add(snapshot.Ids[x]);
                }
                else if (outage > snapshot.RtoMinutes[f])
                {
                    missed.Add(snapshot.Ids[x]);
                }
            }
        }
        var concentrated = takenDown.Where(t => t.Value >= 2 && t.Value > 0.5 * counted).Select(t => snapshot.Ids[t.Key]).Order(StringComparer.Ordinal);
        IEnumerable<string> Found(string check) => result.Findings.Where(f => f.CheckId == check).Select(f => f.ElementId);

        Assert.NotEmpty(missed);
        Assert.Equal(missed, Found("CT504"));
        Assert.Equal(unknown, Found("CT505"));
        Assert.Equal(concentrated, Found("CT503"));
    }

    /// <summary>The shop whose database has a replica, both on one storage system (restored in 10m, well within the RTO).</summary>
    private static CheckPlans SharedStorage(CheckPlans plan) => plan
        .With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]"))
        .With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", dependsOn: "[system:san]"))
        .With(SystemDoc("shop-db-replica", "database", rto: "2h", rpo: "15m", restore: "{measured: 10m}", dependsOn: "[system:san]"))
        .With(SystemDoc("san", "infrastructure", rto: "1h", restore: "{measured: 10m}"))
        .With(BackupPolicy("replica-backup", "shop-db-replica"));

    /// <summary>The shop whose database has a replica with its own vendor-free hosting and nothing in common with it.</summary>
    private static CheckPlans Independent(CheckPlans plan) => plan
        .With(SystemDoc("shop-app", "application", rto: "2h", restore: "{measured: 20m}", vendor: null, dependsOn: "[{anyOf: [system:shop-db, system:shop-db-replica]}]"))
        .With(SystemDoc("shop-db-replica", "database", rto: "2h", rpo: "15m", restore: "{measured: 10m}", vendor: null, hosting: "[us]"))
        .With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{measured: 1h}", hosting: "[eu]"))
        .With(BackupPolicy("replica-backup", "shop-db-replica"));

    [Fact]
    public void A_common_mode_failure_names_the_group_the_element_and_the_chain_at_the_functions_requirement()
    {
        var plan = SharedStorage(Shop);
        var findings = plan.Analyse().Findings;
        var finding = Assert.Single(findings, f => f.CheckId == "CT506");
        Assert.Equal(("system:san", Severity.Warning), (finding.ElementId, finding.Severity));
        Assert.Equal(
            "Critical function checkout (tier 1) relies on system shop-app's any of [shop-db, shop-db-replica], but system san alone takes down every one of them: a common-mode failure that takes the function down. Chain: checkout → shop-app → any of [shop-db, shop-db-replica] → san.",
            finding.Message);
        Assert.Equal(plan.At("name: checkout", "system:shop-app"), finding.Location);
        Assert.DoesNotContain(findings, f => f.CheckId is "CT504" or "CT505" && f.ElementId == "system:san");
    }

    [Fact]
    public void A_common_mode_failure_of_the_functions_own_group_is_at_its_any_of_entry_once_per_function()
    {
        var plan = Shop.With(Function("checkout", dependsOn: "[{anyOf: [system:shop-app, system:shop-app-b]}]"))
            .With(SystemDoc("shop-app-b", "application", rto: "2h", restore: "{measured: 20m}", vendor: null, dependsOn: "[system:shop-db]"))
            .With(Function("refunds", dependsOn: "[system:shop-app]"));
        var findings = plan.Analyse().Findings.Where(f => f.CheckId == "CT506").ToList();
        Assert.Equal(["system:shop-db"], findings.Select(f => f.ElementId).Distinct());
        var checkout = Assert.Single(findings, f => f.Message.Contains("function checkout", StringComparison.Ordinal));
        Assert.Equal(
            "Critical function checkout (tier 1) relies on its any of [shop-app, shop-app-b], but system shop-db alone takes down every one of them: a common-mode failure that takes the function down. Chain: checkout → any of [shop-app, shop-app-b] → shop-db.",
            checkout.Message);
        Assert.Equal(plan.At("name: checkout", "{anyOf:"), checkout.Location);
        Assert.DoesNotContain(findings, f => f.Message.Contains("function refunds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waiver_on_the_shared_element_covers_the_common_mode_failure_of_every_function()
    {
        var plan = SharedStorage(Shop).With(Function("refunds")).With(Organisation(Waiver("CT506", "system:san", "2027-01-01")));
        var result = plan.Analyse();
        var waived = result.Findings.Where(f => f.CheckId == "CT506").ToList();
        Assert.Equal(2, waived.Count);
        Assert.All(waived, f => Assert.Equal("system:san", f.WaivedBy?.ElementId));
        Assert.DoesNotContain(result.Unwaived, f => f.CheckId is "CT506" or "CT604");
    }

    [Fact]
    public void Key_people_are_named_with_their_roles_at_the_person_or_the_assignment()
    {
        var primary = Shop.With(Role("on-call", "[ada, cy]"));
        var concentrated = Assert.Single(primary.Analyse().Findings, f => f.CheckId == "CT308");
        Assert.Equal(("person:ada", Severity.Warning), (concentrated.ElementId, concentrated.Severity));
        Assert.Equal(
            "Person ada is the first to be called for 2 critical roles: approver, on-call. In a disruption they cannot fill them all at once, and their absence hands every one of them to an alternate at the same moment.",
            concentrated.Message);
        Assert.Equal(primary.At("name: ada", "ada"), concentrated.Location);

        var stale = Shop.With(Person("cy", verified: "2025-11-27"));
        var reachable = Assert.Single(stale.Analyse().Findings, f => f.CheckId == "CT309");
        Assert.Equal(("person:bob", Severity.Warning), (reachable.ElementId, reachable.Severity));
        Assert.Equal(
            "Person bob is the only reachable holder of role on-call: the contact details of cy are not confirmed within the last 12 months, so nobody can be sure to reach a stand-in.",
            reachable.Message);
        Assert.Equal(stale.At("name: on-call", "[bob, cy]"), reachable.Location);
    }

    [Fact]
    public void A_waiver_silences_a_key_person_finding()
    {
        var plan = Shop.With(Role("on-call", "[ada, cy]")).With(Organisation(Waiver("CT308", "person:ada", "2027-01-01")));
        var result = plan.Analyse();
        Assert.NotNull(Assert.Single(result.Findings, f => f.CheckId == "CT308").WaivedBy);
        Assert.DoesNotContain(result.Unwaived, f => f.CheckId == "CT308");
    }

    [Fact]
    public void An_empty_plan_has_nothing_to_check()
    {
        var plan = new Plan([]);
        var result = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(Today));
        Assert.Equal(["CT601 organisation", "CT605 organisation"], result.Findings.Select(f => $"{f.CheckId} {f.ElementId}"));
    }

    private static string Waiver(string check, string element, string expires) => $"""
        waivers:
          - check: {check}
            element: {element}
            reason: Kept for the migration.
            owner: ada
            expires: {expires}
        """;
}
