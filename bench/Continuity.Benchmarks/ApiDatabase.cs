using Continuity.Accounts;
using Continuity.Generation;

namespace Continuity.Benchmarks;

/// <summary><c>api-db FILE</c> for bench/api-load.sh: the large generated organisation (2,000
/// functions) imported into a new SQLite database, plus a member with an API token, whose secret
/// is the last line printed.</summary>
public static class ApiDatabase
{
    public static async Task<int> CreateAsync(string path)
    {
        await EngineDatabase.CreateAsync(path, SyntheticOrganisation.Generate(Organisations.Options(OrganisationSize.Large)));
        await using var db = Sqlite.Open(path);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        const string email = "load@example.com";
        var user = new ContinuityUser(email, "Load test", now) { NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        var (token, secret) = ApiToken.Issue(user.Id, "load test", now, null);
        db.Users.Add(user);
        db.AccessGrants.Add(new AccessGrant(user.Id, AccessRole.Member, null));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        Console.WriteLine($"Imported the large organisation into {path} with a member's token:");
        Console.WriteLine(secret);
        return 0;
    }
}
