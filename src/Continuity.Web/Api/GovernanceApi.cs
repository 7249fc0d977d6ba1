using System.ComponentModel;
using System.Text.Json;
using Continuity.Accounts;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Reports;
using Continuity.Store;
using Continuity.Web.Security;

namespace Continuity.Web.Api;

/// <summary>Plan versions (ADR 010): list them, read one (its snapshot, hash re-checked), compare two
/// or a version with the draft, and submit a scope's draft as a new version.</summary>
internal static class GovernanceApi
{
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(RouteGroupBuilder api)
    {
        var plan = api.MapGroup("/plan").WithTags("governance");
        plan.MapMethods("/versions", GetHead, ListAsync)
            .WithName("plan-versions")
            .WithSummary("The plan's versions")
            .WithDescription("Every version of the consolidated plan and the team plans, newest first per scope, without their snapshots; `scope` (organisation, team:NAME) lists one scope.")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
        plan.MapMethods("/versions/{scope}/{number:int}", GetHead, GetAsync)
            .WithName("plan-version")
            .WithSummary("One plan version with its snapshot")
            .WithDescription("The version's state, who submitted it when, its content hash (re-computed from the stored snapshot: `verified`) and the snapshot itself " +
                "(`content`: the canonical plan documents of its scope). Personal phones of people the caller may not see are left out (`redacted`).")
            .Produces<object>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plan.MapMethods("/diff", GetHead, DiffAsync)
            .WithName("plan-diff")
            .WithSummary("What changed between two versions")
            .WithDescription("The semantic diff of two versions of one scope (`from`, `to`: version numbers; `to` omitted or `draft`: the plan as it is now): " +
                "elements added, removed and changed, each change in words (\"RTO of Customer login: 4h → 2h.\") and as field paths.")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
        plan.MapPost("/versions", SubmitAsync)
            .RequireAuthorization(AccessPolicies.ChangePlan)
            .WithName("submit-plan-version")
            .WithSummary("Submit a plan for approval")
            .WithDescription("Freezes the scope's draft into its next version (body: `{\"scope\": \"organisation\" | \"team:NAME\", \"note\": \"…\"}`), waiting for approval. " +
                "The consolidated plan is submitted by a continuity manager, a team plan by its team lead or a continuity manager. 201 with the version; " +
                "409 when nothing changed since the latest version.")
            .WithRequestBody("application/json")
            .Produces<object>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(PlanVersions versions,
        [Description("organisation or team:NAME; omitted: every scope.")] string? scope, CancellationToken cancellationToken)
    {
        PlanScope? only = null;
        if (scope is not null && !PlanScope.TryParse(scope, out only))
        {
            return ScopeRefused();
        }
        var list = await versions.ListAsync(only, cancellationToken);
        return TypedResults.Json(new { versions = list.Select(v => GovernanceJson.Version(v)) });
    }

    private static async Task<IResult> GetAsync(string scope, int number, PlanVersions versions, ContinuityDb db, CurrentAccess current, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        if (await versions.FindAsync(parsed, number, cancellationToken) is not { } version)
        {
            return TypedResults.Problem($"{parsed.Title} has no version {number}.", statusCode: StatusCodes.Status404NotFound,
                title: "No such version", type: ApiProblems.NotFound);
        }
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, await current.GetAsync(cancellationToken), cancellationToken);
        var content = ContactPrivacy.WithoutPersonalContacts(version.Content, visible);
        return TypedResults.Json(new
        {
            version = GovernanceJson.Version(version.Summary),
            verified = VersionSnapshot.HashOf(version.Content) == version.ContentHash,
            redacted = visible is not null,
            content = JsonDocument.Parse(content).RootElement,
        });
    }

    private static async Task<IResult> DiffAsync(PlanVersions versions,
        [Description("organisation (default) or team:NAME.")] string? scope,
        [Description("The earlier version's number.")] int? from,
        [Description("The later version's number, or draft (default): the plan as it is now.")] string? to,
        CancellationToken cancellationToken)
    {
        PlanScope? parsed = PlanScope.Organisation;
        if (scope is not null && !PlanScope.TryParse(scope, out parsed))
        {
            return ScopeRefused();
        }
        if (from is not { } first)
        {
            return ApiProblems.BadParameter("from", "name the earlier version by its number (1, 2, …).");
        }
        int? second = null;
        if (to is not null && to != "draft")
        {
            if (!int.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return ApiProblems.BadParameter("to", "a version number or draft.");
            }
            second = n;
        }
        if (await versions.FindAsync(parsed, first, cancellationToken) is not { } before)
        {
            return ApiProblems.BadParameter("from", $"{parsed.Title} has no version {first}.");
        }
        string after;
        string toLabel;
        if (second is { } number)
        {
            if (await versions.FindAsync(parsed, number, cancellationToken) is not { } later)
            {
                return ApiProblems.BadParameter("to", $"{parsed.Title} has no version {number}.");
            }
            (after, toLabel) = (later.Content, later.Label);
        }
        else
        {
            try
            {
                (after, toLabel) = ((await versions.DraftAsync(parsed, cancellationToken)).Snapshot.Json, $"{parsed}@draft");
            }
            catch (PlanValidationException invalid)
            {
                return ApiProblems.BadParameter("scope", invalid.Message);
            }
        }
        return TypedResults.Json(GovernanceJson.Diff(before.Label, toLabel, PlanDiff.Between(before.Content, after)));
    }

    /// <summary>The body of a submission.</summary>
    internal sealed record Submission(string? Scope, string? Note);

    private static async Task<IResult> SubmitAsync(HttpContext http, PlanVersions versions, ContinuityDb db, CurrentAccess current, CancellationToken cancellationToken)
    {
        Submission? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<Submission>(JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            return ApiProblems.BadBody(ApiProblems.MalformedBody, "", "The body is not valid JSON: send {\"scope\": \"organisation\", \"note\": \"…\"}.");
        }
        if (!PlanScope.TryParse(body?.Scope, out var scope))
        {
            return ApiProblems.BadBody(ApiProblems.WrongDocument, "scope", "Name the plan to submit: organisation or team:NAME.");
        }
        var access = await current.GetAsync(cancellationToken);
        if (!MaySubmit(access, scope))
        {
            return ApiProblems.Refused(scope.IsOrganisation
                ? "Only a continuity manager submits the consolidated plan."
                : $"Only the lead of team {scope.Team} or a continuity manager submits its team plan.");
        }
        try
        {
            var version = await versions.SubmitAsync(await PlanWriteApi.ActorAsync(http.User, access, db, cancellationToken), scope, body!.Note, cancellationToken);
            return TypedResults.Json(new { version = GovernanceJson.Version(version.Summary) }, statusCode: StatusCodes.Status201Created);
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, invalid.Message);
        }
        catch (PlanConflictException conflict)
        {
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing new to submit", type: ApiProblems.Conflict);
        }
    }

    /// <summary>The consolidated plan: a continuity manager; a team plan: its lead or a continuity manager.</summary>
    public static bool MaySubmit(UserAccess access, PlanScope scope) =>
        access.CanChangeWholePlan || (scope.Team is { } team && access.LeadsTeams.Contains(team));

    private static IResult ScopeRefused() => ApiProblems.BadParameter("scope", "organisation or team:NAME.");
}
