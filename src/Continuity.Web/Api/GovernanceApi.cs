using System.ComponentModel;
using System.Text.Json;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Reports;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
            .WithDescription("Freezes the scope's draft into its next version (body: `{\"scope\": \"organisation\" | \"team:NAME\", \"note\": \"…\", \"reviewers\": [\"e-mail\", …]}`): " +
                "in review when reviewers are named, otherwise waiting for approval; an earlier open version of the scope is returned. " +
                "The consolidated plan is submitted by a continuity manager, a team plan by its team lead or a continuity manager. 201 with the version; " +
                "409 when nothing changed since the latest version.")
            .WithRequestBody("application/json")
            .Produces<object>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        MapWorkflow(plan);
        api.MapMethods("/control-status", GetHead, async (ControlStatus status, CancellationToken ct) => TypedResults.Json(GovernanceJson.Controls(await status.EvaluateAsync(ct))))
            .WithTags("governance")
            .WithName("control-status")
            .WithSummary("The control status with its evidence")
            .WithDescription("BC.1.01–BC.1.04 and BU.1.01–BU.1.03 evaluated from the data now: each `met`, `at-risk` or `not-met`, with its SOC 2 mapping, " +
                "its requirements (state, status in words, evidence with links) and `partialEvidence` where it is judged from plan findings alone; " +
                "`planControlMet` is false when BC.1.01 is not met; the settings it was judged by and every plan's review cycle (`reviews`).")
            .Produces<object>(contentType: "application/json");
        var objectives = api.MapGroup("/objectives").WithTags("governance");
        api.MapMethods("/objectives", GetHead, ObjectivesAsync)
            .WithTags("governance")
            .WithName("objectives")
            .WithSummary("Recovery objectives to approve")
            .WithDescription("The plan `revision` and every function with objectives: its MTPD, RTO and RPO (minutes), what its dependencies make achievable " +
                "(`achievableRto`, `achievableRpo`; null when never or nothing), and its approval (`approved`: signed in Continuity as they stand, `recorded in a file`, " +
                "`changed since approval`, `not approved`). Sign with POST /api/v1/objectives/approvals and this revision.")
            .Produces<object>(contentType: "application/json");
        objectives.MapMethods("/approvals", GetHead, ApprovalsAsync)
            .WithName("objective-approvals")
            .WithSummary("Signed approvals of recovery objectives")
            .WithDescription("Every approval of recovery objectives signed in Continuity, newest first (`function` narrows to one): the values approved " +
                "(minutes), the approver, when, how they re-authenticated and the plan revision it made. Approvals written in plan files are not here.")
            .Produces<object>(contentType: "application/json");
        objectives.MapPost("/approvals", ApproveObjectivesAsync)
            .WithName("approve-objectives")
            .WithSummary("Sign the recovery objectives of functions")
            .WithDescription("Body `{\"functions\": [\"name\", …], \"revision\": N, \"statement\": \"…\", \"password\": \"…\"}`: an approver signs the objectives of these " +
                "functions as the database holds them at plan revision `revision` (409 if the plan changed since), re-entering their password or an authenticator code (403 without). " +
                "201 with the new plan revision.")
            .WithRequestBody("application/json")
            .Produces<object>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ObjectivesAsync(Checks.AnalysisCache analysis, ContinuityDb db, CancellationToken cancellationToken)
    {
        var revision = await Revisions.PlanRevision.CurrentAsync(db, cancellationToken);
        var result = await analysis.GetAsync(db, cancellationToken);
        var recovery = Pages.Shared.RecoveryAnalysis.Functions(result);
        return TypedResults.Json(new
        {
            revision,
            functions = (result.Catalog?.OfKind(PlanFiles.ElementKind.BusinessFunction) ?? [])
                .Where(f => f.Approval is not (null or Functions.ApprovalState.NoObjectives))
                .Select(f => new
                {
                    name = f.Name,
                    title = f.Title,
                    tier = f.Tier,
                    mtpd = f.MtpdMinutes,
                    rto = f.RtoMinutes,
                    rpo = f.RpoMinutes,
                    achievableRto = recovery.GetValueOrDefault(f.Name)?.Rto.Minutes,
                    achievableRpo = recovery.GetValueOrDefault(f.Name)?.Rpo.Minutes,
                    approval = Functions.ApprovalStates.Words(f.Approval!.Value),
                }),
        });
    }

    internal sealed record ApproveBody(string[]? Functions, long? Revision, string? Statement, string? Password);

    private static async Task<IResult> ApprovalsAsync(Functions.ObjectiveApprovals approvals,
        [Description("A business function's name; omitted: every function.")] string? function, CancellationToken cancellationToken)
    {
        var history = await approvals.HistoryAsync(function, cancellationToken);
        return TypedResults.Json(new
        {
            approvals = history.Select(a => new
            {
                function = a.Function,
                mtpd = a.MtpdMinutes,
                rto = a.RtoMinutes,
                rpo = a.RpoMinutes,
                approvedBy = a.ApprovedBy,
                approvedUtc = a.ApprovedUtc,
                statement = a.Statement,
                method = a.Method,
                revision = a.Revision,
            }),
        });
    }

    private static async Task<IResult> ApproveObjectivesAsync(HttpContext http, Functions.ObjectiveApprovals approvals, CurrentAccess current, CancellationToken ct)
    {
        ApproveBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<ApproveBody>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            return ApiProblems.BadBody(ApiProblems.MalformedBody, "", "Send {\"functions\": [\"name\"], \"revision\": N, \"password\": \"…\"}.");
        }
        if (body.Revision is not { } revision)
        {
            return ApiProblems.BadBody(ApiProblems.WrongDocument, "revision", "Give the plan revision whose values you approve (`revision` of GET /api/v1/objectives).");
        }
        var access = await current.GetAsync(ct);
        try
        {
            var made = await approvals.ApproveAsync(ActorOf(access), access, body.Functions ?? [], revision, body.Statement, body.Password, ct);
            return TypedResults.Json(new { revision = made, functions = body.Functions }, statusCode: StatusCodes.Status201Created);
        }
        catch (GovernanceRefusedException refused)
        {
            return ApiProblems.Refused(refused.Message);
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, invalid.Message);
        }
        catch (PlanConflictException conflict)
        {
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "The plan changed", type: ApiProblems.Conflict);
        }
    }

    private static void MapWorkflow(RouteGroupBuilder plan)
    {
        const string Version = "/versions/{scope}/{number:int}";
        plan.MapMethods(Version + "/workflow", GetHead, WorkflowAsync)
            .WithName("plan-version-workflow")
            .WithSummary("A version's review and sign-off")
            .WithDescription("Reviewers and their verdicts, comments per section, sign-offs (approver, decision, statement, justification, the content hash signed, " +
                "the audit chain's head at signing, how the approver re-authenticated), the quorum, the approvals so far and the approvers who have not signed; " +
                "the unwaived error findings the version was submitted with.")
            .Produces<object>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plan.MapPost(Version + "/reviewers", NameReviewersAsync)
            .WithName("name-plan-reviewers")
            .WithSummary("Name reviewers of a version")
            .WithDescription("Body `{\"reviewers\": [\"e-mail\", …]}`: users who can read the plan, not the submitter. Only the submitter or a continuity manager; " +
                "the version goes (back) into review.")
            .WithRequestBody("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        plan.MapPost(Version + "/comments", CommentAsync)
            .WithName("comment-plan-version")
            .WithSummary("Comment on a section of a version")
            .WithDescription($"Body `{{\"section\": \"{PlanSections.Choices}\", \"text\": \"…\"}}`; by a reviewer, the submitter, a continuity manager or an approver, while the version is open.")
            .WithRequestBody("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        plan.MapPost(Version + "/reviews", ReviewAsync)
            .WithName("review-plan-version")
            .WithSummary("Give a reviewer's verdict")
            .WithDescription("Body `{\"verdict\": \"reviewed\" | \"changes-requested\", \"section\": \"…\", \"text\": \"…\"}` (text required when requesting changes). " +
                "When every reviewer found it ready the version waits for sign-off; a request for changes returns it.")
            .WithRequestBody("application/json")
            .Produces<object>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        plan.MapMethods(Version + "/approval.pdf", GetHead, ApprovalPdfAsync)
            .WithName("plan-version-approval-pdf")
            .WithSummary("The PDF rendered when the version was approved")
            .WithDescription("The exact bytes stored at approval (headless Chromium printing the plan document; personal phone numbers left out), " +
                "with their SHA-256 in the `ETag` and `X-Content-SHA256` headers. 404 when the version is not approved or its PDF was not rendered.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plan.MapPost(Version + "/publish", PublishAsync)
            .WithName("publish-plan-version")
            .WithSummary("Publish an approved version to the people it concerns")
            .WithDescription("Body `{\"additions\": [\"person\", …]}` (optional): sends the version to everyone holding a continuity role in it, every active member of a team " +
                "it covers and the named people — each an e-mail with a single-use acknowledgement link, and an inbox entry. The scope's published version before it is superseded. " +
                "A continuity manager publishes; a team plan also its team's lead. 200 with the number of recipients.")
            .WithRequestBody("application/json")
            .Produces<object>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        plan.MapMethods(Version + "/distribution", GetHead, DistributionAsync)
            .WithName("plan-version-distribution")
            .WithSummary("Who a version was sent to and who acknowledged it")
            .WithDescription("Each recipient: person, name, e-mail, why they received it, and when and how they acknowledged this exact version; the acknowledgement rate.")
            .Produces<object>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plan.MapPost(Version + "/acknowledgements", AcknowledgeAsync)
            .WithName("acknowledge-plan-version")
            .WithSummary("Acknowledge a version sent to you")
            .WithDescription("The signed-in user (whose account is linked to a person it was sent to) confirms they have read and understood their responsibilities in this version. " +
                "201; 403 when it was not sent to them; 409 when already acknowledged.")
            .Produces<object>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        plan.MapPost(Version + "/sign-offs", SignAsync)
            .WithName("sign-plan-version")
            .WithSummary("Sign off a version (approve or reject)")
            .WithDescription("Body `{\"decision\": \"approve\" | \"reject\", \"statement\": \"…\", \"justification\": \"…\", \"password\": \"…\"}`. " +
                "The approver re-enters their password (or a current authenticator code) in the same request; without it the sign-off is refused (403). " +
                "The consolidated plan is signed by approvers, a team plan by an approver or a continuity manager; nobody signs what they submitted. " +
                "Approving a version submitted with unwaived error findings needs `justification`. The quorum of approvals approves it; one rejection returns it.")
            .WithRequestBody("application/json")
            .Produces<object>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
    }

    /// <summary>The bodies of the workflow's requests.</summary>
    internal sealed record ReviewersBody(string[]? Reviewers);

    internal sealed record CommentBody(string? Section, string? Text);

    internal sealed record ReviewBody(string? Verdict, string? Section, string? Text);

    internal sealed record SignBody(string? Decision, string? Statement, string? Justification, string? Password);

    private static async Task<IResult> WorkflowAsync(string scope, int number, VersionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        return await workflow.GetAsync(parsed, number, cancellationToken) is { } state
            ? TypedResults.Json(GovernanceJson.Workflow(state))
            : NoVersion(parsed, number);
    }

    private static Task<IResult> NameReviewersAsync(string scope, int number, HttpContext http, VersionWorkflow workflow, CurrentAccess current, CancellationToken ct) =>
        WorkflowStepAsync<ReviewersBody>(http, scope, number, "{\"reviewers\": [\"reviewer@example.org\"]}", async (parsed, body) =>
        {
            var access = await current.GetAsync(ct);
            await workflow.NameReviewersAsync(ActorOf(access), access, parsed, number, body.Reviewers ?? [], ct);
            return TypedResults.NoContent();
        }, ct);

    private static Task<IResult> CommentAsync(string scope, int number, HttpContext http, VersionWorkflow workflow, CurrentAccess current, CancellationToken ct) =>
        WorkflowStepAsync<CommentBody>(http, scope, number, "{\"section\": \"functions\", \"text\": \"…\"}", async (parsed, body) =>
        {
            var access = await current.GetAsync(ct);
            await workflow.CommentAsync(ActorOf(access), access, parsed, number, body.Section, body.Text, ct);
            return TypedResults.NoContent();
        }, ct);

    private static Task<IResult> ReviewAsync(string scope, int number, HttpContext http, VersionWorkflow workflow, CurrentAccess current, CancellationToken ct) =>
        WorkflowStepAsync<ReviewBody>(http, scope, number, "{\"verdict\": \"reviewed\"}", async (parsed, body) =>
        {
            ReviewVerdict? verdict = body.Verdict?.Trim() switch
            {
                "reviewed" => ReviewVerdict.Reviewed,
                "changes-requested" => ReviewVerdict.ChangesRequested,
                _ => null,
            };
            if (verdict is not { } given)
            {
                return ApiProblems.BadBody(ApiProblems.WrongDocument, "verdict", "Give the verdict: reviewed or changes-requested.");
            }
            var access = await current.GetAsync(ct);
            var state = await workflow.ConcludeReviewAsync(ActorOf(access), parsed, number, given, body.Section, body.Text, ct);
            return TypedResults.Json(new { state = GovernanceJson.StateWords(state) });
        }, ct);

    private static Task<IResult> SignAsync(string scope, int number, HttpContext http, VersionWorkflow workflow, Documents.ApprovalPdf pdf, CurrentAccess current, CancellationToken ct) =>
        WorkflowStepAsync<SignBody>(http, scope, number, "{\"decision\": \"approve\", \"statement\": \"…\", \"password\": \"…\"}", async (parsed, body) =>
        {
            SignOffDecision? decision = body.Decision?.Trim() switch
            {
                "approve" => SignOffDecision.Approve,
                "reject" => SignOffDecision.Reject,
                _ => null,
            };
            if (decision is not { } given)
            {
                return ApiProblems.BadBody(ApiProblems.WrongDocument, "decision", "Give the decision: approve or reject.");
            }
            var access = await current.GetAsync(ct);
            await workflow.SignAsync(ActorOf(access), access, parsed, number, new VersionWorkflow.SignRequest(given, body.Statement, body.Justification, body.Password), ct);
            var state = await workflow.GetAsync(parsed, number, ct);
            // The approving sign-off renders the plan document to PDF once; the approval stands without it.
            var pdfProblem = state!.Version.State == VersionState.Approved ? await pdf.EnsureAsync(ActorOf(access), parsed, number, ct) : null;
            return TypedResults.Json(new { workflow = GovernanceJson.Workflow(state), pdfProblem }, statusCode: StatusCodes.Status201Created);
        }, ct);

    private static async Task<IResult> ApprovalPdfAsync(string scope, int number, PlanVersions versions, ContinuityDb db, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        if (await versions.FindAsync(parsed, number, cancellationToken) is not { } version)
        {
            return NoVersion(parsed, number);
        }
        if (await db.ApprovalDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.VersionId == version.Id, cancellationToken) is not { } document)
        {
            return TypedResults.Problem($"{version.Label} has no approval PDF: it is {VersionWorkflow.StateWords(version.State)}, or Chromium was not available when it was approved.",
                statusCode: StatusCodes.Status404NotFound, title: "No approval PDF", type: ApiProblems.NotFound);
        }
        return ApprovalPdfFile(document, version);
    }

    /// <summary>The stored approval PDF as a download, its hash in the headers.</summary>
    internal static IResult ApprovalPdfFile(ApprovalDocument document, PlanVersion version) =>
        new ApprovalPdfResult(document, $"{version.Scope.Replace(':', '-')}-{version.Number}-approved.pdf");

    private sealed class ApprovalPdfResult(ApprovalDocument document, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = $"\"{document.Sha256}\"";
            httpContext.Response.Headers["X-Content-SHA256"] = document.Sha256;
            return TypedResults.File(document.Pdf, "application/pdf", fileName).ExecuteAsync(httpContext);
        }
    }

    internal sealed record PublishBody(string[]? Additions);

    /// <summary>The link an acknowledgement e-mail carries: <c>App:BaseUrl</c> when set (behind a proxy), else the request's own address.</summary>
    internal static string AcknowledgeUrl(HttpRequest request) => PublicAddress.Of(request) + "/acknowledge/{token}";

    private static Task<IResult> PublishAsync(string scope, int number, HttpContext http, Distribution distribution, CurrentAccess current, CancellationToken ct) =>
        WorkflowStepAsync<PublishBody>(http, scope, number, "{\"additions\": []}", async (parsed, body) =>
        {
            var access = await current.GetAsync(ct);
            var count = await distribution.PublishAsync(ActorOf(access), access, parsed, number, body.Additions ?? [], AcknowledgeUrl(http.Request), ct);
            return TypedResults.Json(new { recipients = count });
        }, ct);

    private static async Task<IResult> DistributionAsync(string scope, int number, PlanVersions versions, Distribution distribution, CancellationToken ct)
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        if (await versions.FindAsync(parsed, number, ct) is not { } version)
        {
            return NoVersion(parsed, number);
        }
        var recipients = await distribution.RecipientsAsync(version.Id, ct);
        return TypedResults.Json(new
        {
            version = GovernanceJson.Version(version.Summary),
            recipients = recipients.Select(r => new
            {
                person = r.Person,
                name = r.Name,
                email = r.Email,
                reasons = r.Reasons,
                acknowledgedUtc = r.AcknowledgedUtc,
                method = r.AcknowledgedMethod,
            }),
            acknowledged = recipients.Count(r => r.AcknowledgedUtc is not null),
            offlineCopies = (await distribution.OfflineCopiesAsync(version.Id, ct)).Select(c => new { location = c.Location, holder = c.Holder, recordedBy = c.RecordedBy, recordedUtc = c.RecordedUtc }),
            rate = recipients.Count == 0 ? (double?)null : Math.Round(100.0 * recipients.Count(r => r.AcknowledgedUtc is not null) / recipients.Count, 1),
        });
    }

    private static async Task<IResult> AcknowledgeAsync(string scope, int number, PlanVersions versions, Distribution distribution, CurrentAccess current, CancellationToken ct)
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        if (await versions.FindAsync(parsed, number, ct) is not { } version)
        {
            return NoVersion(parsed, number);
        }
        try
        {
            var done = await distribution.AcknowledgeAsync(await current.GetAsync(ct), version.Id, ct);
            return TypedResults.Json(new { version = version.Label, person = done.Recipient.Person, acknowledgedUtc = done.Recipient.AcknowledgedUtc }, statusCode: StatusCodes.Status201Created);
        }
        catch (GovernanceRefusedException refused)
        {
            return ApiProblems.Refused(refused.Message);
        }
        catch (PlanConflictException conflict)
        {
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "Already acknowledged", type: ApiProblems.Conflict);
        }
    }

    /// <summary>Reads the body and the scope, runs the step and turns the workflow's refusals into problems.</summary>
    private static async Task<IResult> WorkflowStepAsync<TBody>(HttpContext http, string scope, int number, string example, Func<PlanScope, TBody, Task<IResult>> step, CancellationToken ct)
        where TBody : class
    {
        if (!PlanScope.TryParse(scope, out var parsed))
        {
            return ScopeRefused();
        }
        TBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<TBody>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            return ApiProblems.BadBody(ApiProblems.MalformedBody, "", $"The body is not valid JSON: send {example}.");
        }
        if (body is null)
        {
            return ApiProblems.BadBody(ApiProblems.MalformedBody, "", $"Send a JSON body: {example}.");
        }
        try
        {
            return await step(parsed, body);
        }
        catch (ElementNotFoundException)
        {
            return NoVersion(parsed, number);
        }
        catch (GovernanceRefusedException refused)
        {
            return ApiProblems.Refused(refused.Message);
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, invalid.Message);
        }
        catch (PlanConflictException conflict)
        {
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state", type: ApiProblems.Conflict);
        }
    }

    /// <summary>Governance records name the person (their sign-in e-mail), whatever token they used:
    /// a submitter, reviewer or approver is compared by it.</summary>
    private static Actor ActorOf(UserAccess access) => new(access.Email ?? access.UserId.ToString(), AuditChannel.Api);

    private static ProblemHttpResult NoVersion(PlanScope scope, int number) =>
        TypedResults.Problem($"{scope.Title} has no version {number}.", statusCode: StatusCodes.Status404NotFound, title: "No such version", type: ApiProblems.NotFound);

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
        try
        {
            var comparison = await versions.CompareAsync(parsed, first, second, cancellationToken);
            return TypedResults.Json(GovernanceJson.Diff(comparison.From, comparison.To, comparison.Changes));
        }
        catch (PlanValidationException invalid)
        {
            var error = invalid.Errors[0];
            return ApiProblems.BadParameter(error.Field, error.Message);
        }
    }

    /// <summary>The body of a submission.</summary>
    internal sealed record Submission(string? Scope, string? Note, string[]? Reviewers);

    private static async Task<IResult> SubmitAsync(HttpContext http, PlanVersions versions, CurrentAccess current, CancellationToken cancellationToken)
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
            var version = await versions.SubmitAsync(ActorOf(access), scope, body!.Note, cancellationToken, body.Reviewers);
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
