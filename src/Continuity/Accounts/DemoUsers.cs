namespace Continuity.Accounts;

/// <summary>The demo users <c>serve --demo</c> creates, one per access role.</summary>
public static class DemoUsers
{
    public const string Domain = "demo.continuity.test";

    public static string Email(AccessRole role) => role switch
    {
        AccessRole.ContinuityManager => $"manager@{Domain}",
        AccessRole.Administrator => $"admin@{Domain}",
        _ => $"{AccessRoles.Slug(role)}@{Domain}",
    };
}
