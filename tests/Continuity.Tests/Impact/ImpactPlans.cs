using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Impact;

/// <summary>A small organisation whose what-if answers are worked out by hand in the tests.
/// Two regions; the database runs in region-a only, the application in both but needs the
/// database, the cache in region-b only. Functions: orders (tier 1, RTO 2h, MTPD 1d) and reports
/// (tier 2, RTO 4h, MTPD 1d) need the application; search (tier 2, RTO 1h, MTPD 4h) needs the
/// database or the cache; reports runs degraded without the cache.</summary>
internal static class ImpactPlans
{
    public static (Plan Plan, PlanSnapshot Snapshot) Shop(string dbRestore = "3h")
    {
        var loaded = PlanLoader.LoadTexts([("shop.yaml", ShopYaml(dbRestore))]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return (loaded.Plan, PlanSnapshot.From(loaded.Plan));
    }

    private static string ShopYaml(string dbRestore) => $$"""
        apiVersion: continuity/v1
        kind: Organisation
        metadata: {name: shop}
        spec:
          currency: EUR
          impact:
            categories: [financial, customer]
            timePoints: [1h, 4h, 1d]
            intolerableFrom: major
          restoreCapacityPerTeam: 1
        ---
        apiVersion: continuity/v1
        kind: Site
        metadata: {name: region-a}
        spec: {type: cloud-region, region: r-a}
        ---
        apiVersion: continuity/v1
        kind: Site
        metadata: {name: region-b}
        spec: {type: cloud-region, region: r-b}
        ---
        apiVersion: continuity/v1
        kind: Team
        metadata: {name: ops}
        spec: {}
        ---
        apiVersion: continuity/v1
        kind: Person
        metadata: {name: ada}
        spec: {email: ada@example.com}
        ---
        apiVersion: continuity/v1
        kind: Role
        metadata: {name: on-call}
        spec:
          assignments:
            - holders: [ada]
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: db}
        spec:
          type: database
          team: ops
          tier: 1
          hosting: {sites: [region-a]}
          restore: {estimated: {{dbRestore}}}
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: app}
        spec:
          type: application
          team: ops
          tier: 1
          hosting: {sites: [region-a, region-b]}
          restore: {estimated: 30m}
          dependsOn: [system:db]
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: cache}
        spec:
          type: service
          team: ops
          tier: 2
          hosting: {sites: [region-b]}
          restore: {estimated: 1h}
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: orders, title: Taking orders}
        spec:
          team: ops
          tier: 1
          objectives: {mtpd: 1d, rto: 2h, rpo: 1h}
          impact:
            financial: {1h: minor, 4h: major, 1d: severe}
            customer: {1h: moderate, 4h: moderate, 1d: major}
          financialLoss: {1h: 1000, 4h: 5000, 1d: 20000}
          dependsOn: [system:app]
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: reports}
        spec:
          team: ops
          tier: 2
          objectives: {mtpd: 1d, rto: 4h, rpo: 1d}
          dependsOn:
            - system:app
            - {on: system:cache, type: degraded}
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: search}
        spec:
          team: ops
          tier: 2
          objectives: {mtpd: 4h, rto: 1h, rpo: 1d}
          dependsOn:
            - anyOf: [system:db, system:cache]
        ---
        apiVersion: continuity/v1
        kind: Scenario
        metadata: {name: db-loss, title: Database lost}
        spec:
          fails: [system:db]
          priority: 2
        ---
        apiVersion: continuity/v1
        kind: Scenario
        metadata: {name: region-a-loss}
        spec:
          fails: [site:region-a]
          priority: 1
        ---
        apiVersion: continuity/v1
        kind: Scenario
        metadata: {name: everything-lost}
        spec:
          fails: [site:region-a, site:region-b]
          priority: 1
        ---
        apiVersion: continuity/v1
        kind: Procedure
        metadata: {name: restore-db, title: Restore the database}
        spec:
          scenarios: [db-loss, everything-lost]
          recovers: [function:orders, function:reports]
          team: ops
          steps:
            - {id: restore, title: Restore from backup, responsible: on-call}
        ---
        apiVersion: continuity/v1
        kind: Procedure
        metadata: {name: fail-over}
        spec:
          scenarios: [region-a-loss]
          recovers: [function:orders]
          steps:
            - {id: promote, title: Promote the replica, responsible: on-call}
        """;
}
