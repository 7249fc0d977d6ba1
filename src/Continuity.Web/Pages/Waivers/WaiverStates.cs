namespace Continuity.Web.Pages.Waivers;

/// <summary>Where a waiver stands on a day: in force, in force but ending within
/// <see cref="WaiverStates.SoonDays"/> days, or expired (it waives nothing; check CT602 reports it).</summary>
public enum WaiverState { Active, ExpiresSoon, Expired }

public static class WaiverStates
{
    public const int SoonDays = 30;

    public static WaiverState Of(DateOnly? expires, DateOnly today) =>
        expires is not { } last || last < today ? WaiverState.Expired
        : last.DayNumber - today.DayNumber <= SoonDays ? WaiverState.ExpiresSoon
        : WaiverState.Active;

    public static (string Css, string Text) Badge(WaiverState state) => state switch
    {
        WaiverState.Expired => ("status-bad", "Expired"),
        WaiverState.ExpiresSoon => ("status-warn", "Expires soon"),
        _ => ("status-ok", "Active"),
    };
}
