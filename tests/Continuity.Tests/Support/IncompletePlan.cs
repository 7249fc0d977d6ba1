using Continuity.PlanFiles;

namespace Continuity.Tests.Support;

/// <summary>A plan under construction, as one file: a critical function without objectives, a
/// critical database without a restore estimate, a backup policy without a frequency, a role
/// assignment nobody holds yet, a procedure step without a responsible role and a procedure
/// without steps. It is valid (validate accepts it); the checks report each gap. Zero values
/// (RTO 0, RPO 0, restore 0, replication lag 0, a continuous backup every 0m) are in it too.</summary>
public static class IncompletePlan
{
    public const string File = "plan.yaml";

    public const string Text = """
        apiVersion: continuity/v1
        kind: Organisation
        metadata:
          name: shop
        ---
        apiVersion: continuity/v1
        kind: Person
        metadata:
          name: ada
        spec:
          email: ada@example.com
          contactVerified: 2026-06-01
        ---
        apiVersion: continuity/v1
        kind: Role
        metadata:
          name: on-call
        spec:
          assignments:
            - recovers: [system:shop-db]
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata:
          name: checkout
          owner: ada
        spec:
          tier: 1
          dependsOn: [system:shop-db, system:ledger]
        ---
        apiVersion: continuity/v1
        kind: System
        metadata:
          name: shop-db
        spec:
          type: database
          tier: 1
        ---
        apiVersion: continuity/v1
        kind: System
        metadata:
          name: ledger
        spec:
          type: database
          tier: 3
          objectives: {rto: 0m, rpo: 0m}
          restore: {estimated: 0m, measured: 0m}
          replicationLag: 0m
        ---
        apiVersion: continuity/v1
        kind: BackupPolicy
        metadata:
          name: ledger-replica
        spec:
          system: ledger
          method: replication
          frequency: 0m
        ---
        apiVersion: continuity/v1
        kind: BackupPolicy
        metadata:
          name: shop-db-backup
        spec:
          system: shop-db
          method: snapshot
        ---
        apiVersion: continuity/v1
        kind: Procedure
        metadata:
          name: restore-shop
        spec:
          steps:
            - id: restore-db
              title: Restore the database
        ---
        apiVersion: continuity/v1
        kind: Procedure
        metadata:
          name: failover
        spec:
          description: To be written.

        """;

    public static PlanLoadResult Load() => PlanLoader.LoadTexts([(File, Text)]);

    /// <summary>Where <paramref name="text"/> starts on the first line containing it after the
    /// line containing <paramref name="after"/>.</summary>
    public static SourceLocation At(string after, string text)
    {
        var lines = Text.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        Assert.True(start >= 0, $"No line contains {after}.");
        var line = Array.FindIndex(lines, start, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(line >= 0, $"No line after {after} contains {text}.");
        return new SourceLocation(File, line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
    }
}
