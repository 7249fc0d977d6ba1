using System.Security.Cryptography;
using System.Text;

namespace Continuity.Accounts;

/// <summary>A bearer token for programs. Only the SHA-256 of the secret is stored (the secret has
/// 256 bits of entropy, so a plain hash is as strong as a slow one); the secret is shown once.
/// A token acts for its user and never has more rights than the user at the moment of use.</summary>
public sealed class ApiToken
{
    public const string Prefix = "cty_";

    private ApiToken()
    {
    }

    private ApiToken(Guid userId, string name, string hash, DateTime createdUtc, DateTime? expiresUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.CreateVersion7(new DateTimeOffset(createdUtc));
        UserId = userId;
        Name = name;
        Hash = hash;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    public string Hash { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public DateTime? ExpiresUtc { get; private set; }

    public DateTime? RevokedUtc { get; private set; }

    public DateTime? LastUsedUtc { get; private set; }

    /// <summary>A new token and its secret, which the caller shows once and never stores.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid userId, string name, DateTime createdUtc, DateTime? expiresUtc)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken(userId, name, HashOf(secret), createdUtc, expiresUtc), secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsActive(DateTime nowUtc) => RevokedUtc is null && (ExpiresUtc is null || nowUtc < ExpiresUtc);

    public void Revoke(DateTime nowUtc) => RevokedUtc ??= nowUtc;

    public void MarkUsed(DateTime nowUtc) => LastUsedUtc = nowUtc;
}
