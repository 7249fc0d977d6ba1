using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Continuity.Accounts;

/// <summary>Identity's user operations on the app's clock. Identity 10 reads the system clock
/// (<c>DateTimeOffset.UtcNow</c>) for lockouts; this reads the injected <see cref="TimeProvider"/>
/// instead, so that a lock-out ends when the app's clock says 15 minutes have passed (and tests
/// can move that clock).</summary>
public sealed class ContinuityUsers(
    IUserStore<ContinuityUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ContinuityUser> passwordHasher,
    IEnumerable<IUserValidator<ContinuityUser>> userValidators,
    IEnumerable<IPasswordValidator<ContinuityUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ContinuityUser>> logger,
    TimeProvider clock)
    : UserManager<ContinuityUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public TimeProvider Clock => clock;

    public override async Task<bool> IsLockedOutAsync(ContinuityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) is { } end && end > clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(ContinuityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockouts = (IUserLockoutStore<ContinuityUser>)Store;
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
