using Continuity.Accounts;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Security;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Continuity.Web.Calendar;

/// <summary><c>GET /calendar/{token}.ics</c>: a user's deadlines as an iCal feed (ADR 010), for
/// calendar programs, which fetch it without signing in: the random token in the URL stands for the
/// user (kept only as its SHA-256; replaced or stopped on the account page). All-day events with
/// stable UIDs, so a calendar updates them rather than adding more.</summary>
public static class CalendarFeedEndpoint
{
    public static string PathOf(string token) => $"/calendar/{token}.ics";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/calendar/{token}.ics", [HttpMethods.Get, HttpMethods.Head], FeedAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AccessSetup.AccountRateLimit)
            .ExcludeFromDescription();

    private static async Task<IResult> FeedAsync(string token, CalendarFeeds feeds, Deadlines deadlines, ContinuityDb db, HttpRequest request,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await feeds.UserOfAsync(token, cancellationToken) is not { } userId)
        {
            return Results.NotFound();
        }
        var access = await Access.LoadAsync(db, userId, cancellationToken);
        var links = PublicAddress.Of(request);
        var now = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC");
        var calendar = new Ical.Net.Calendar { ProductId = "-//Continuity//Business continuity deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Continuity deadlines");
        foreach (var deadline in await deadlines.ForAsync(access, links, cancellationToken))
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{deadline.Uid}@continuity",
                Summary = deadline.Title,
                Description = $"{deadline.Description}\n{deadline.Link}",
                Url = new Uri(deadline.Link),
                DtStamp = now,
                DtStart = new CalDateTime(deadline.Day),
                DtEnd = new CalDateTime(deadline.Day.AddDays(1)),
            });
        }
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Results.Text(text, "text/calendar; charset=utf-8");
    }
}
