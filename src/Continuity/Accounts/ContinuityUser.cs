using Microsoft.AspNetCore.Identity;

namespace Continuity.Accounts;

/// <summary>Someone who signs in to Continuity. Passwords, lockout and two-factor secrets are
/// ASP.NET Core Identity's; access roles are <see cref="AccessGrant"/> rows.</summary>
public sealed class ContinuityUser : IdentityUser<Guid>
{
    public ContinuityUser()
    {
    }

    public ContinuityUser(string email, string? displayName, DateTime createdUtc)
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(createdUtc));
        UserName = email;
        Email = email;
        DisplayName = displayName;
        CreatedUtc = createdUtc;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string? DisplayName { get; set; }

    /// <summary>The plan's <c>Person</c> who is the same human, by name; null when not linked.</summary>
    public string? PersonName { get; set; }

    /// <summary>A disabled user cannot sign in and their tokens stop working; the account and its
    /// history stay for the audit log.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<AccessGrant> Grants { get; } = [];

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id.ToString() : $"{DisplayName} <{Email}>";
}
