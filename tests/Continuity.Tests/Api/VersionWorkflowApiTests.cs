using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Api;

public sealed class SqliteVersionWorkflowApiTests(SqliteApiApp app) : VersionWorkflowApiTests(app), IClassFixture<SqliteApiApp>;

public sealed class PostgresVersionWorkflowApiTests(PostgresApiApp app) : VersionWorkflowApiTests(app), IClassFixture<PostgresApiApp>;

/// <summary>Review and sign-off of plan versions through /api/v1 on the demo organisation (ADR 010):
/// reviewers comment and conclude, approvers re-enter their password to sign, the quorum approves,
/// one rejection or request for changes returns, nobody signs their own submission.</summary>
public abstract class VersionWorkflowApiTests(ApiApp app)
{
    private const string Password = "correct horse battery staple";

    private static readonly string[] Nobody = ["nobody@example.org"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(string Email, HttpClient Client)> UserAsync(params AccessRole[] roles) => LeadAsync("licensing", roles);

    private async Task<(string Email, HttpClient Client)> LeadAsync(string team, params AccessRole[] roles)
    {
        await app.RequireDatabaseAsync();
        var (_, email, client) = await app.UserWithPasswordAsync(roles, Password, roles.Contains(AccessRole.TeamLead) ? team : null);
        return (email, client);
    }

    private static async Task<JsonNode?> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}:\n{text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static string Path(string scope, int number, string? step = null) =>
        $"/api/v1/plan/versions/{Uri.EscapeDataString(scope)}/{number}{(step is null ? "" : "/" + step)}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Ct);

    private static object Approve(string? password = Password, string? justification = "Known gaps are tracked in the risk register.") =>
        new { decision = "approve", statement = "I have reviewed this plan and approve it.", justification, password };

    [Fact]
    public async Task Reviewed_then_signed_by_two_approvers_with_their_passwords_the_consolidated_plan_is_approved_and_an_edit_leaves_it_as_signed()
    {
        var (managerEmail, manager) = await UserAsync(AccessRole.ContinuityManager);
        var (reviewerEmail, reviewer) = await UserAsync(AccessRole.Member);
        var (firstEmail, first) = await UserAsync(AccessRole.Approver);
        var (_, second) = await UserAsync(AccessRole.Approver);

        var submitted = await ExpectAsync(await PostAsync(manager, "/api/v1/plan/versions",
            new { scope = "organisation", note = "December review.", reviewers = new[] { reviewerEmail } }), HttpStatusCode.Created);
        var number = (int)submitted!["version"]!["number"]!;
        Assert.Equal("in-review", (string)submitted["version"]!["state"]!);

        // Nobody signs while it is in review.
        var early = await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve()), HttpStatusCode.Conflict);
        Assert.Contains("still in review", (string)early!["detail"]!, StringComparison.Ordinal);

        await ExpectAsync(await PostAsync(reviewer, Path("organisation", number, "comments"),
            new { section = "functions", text = "Course delivery's RTO looks optimistic." }), HttpStatusCode.NoContent);
        var badSection = await ExpectAsync(await PostAsync(reviewer, Path("organisation", number, "comments"), new { section = "nowhere", text = "?" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("section", badSection!.ToJsonString(), StringComparison.Ordinal);
        var ready = await ExpectAsync(await PostAsync(reviewer, Path("organisation", number, "reviews"), new { verdict = "reviewed" }), HttpStatusCode.OK);
        Assert.Equal("pending-approval", (string)ready!["state"]!);

        // The demo has unwaived error findings: approving needs a justification, and the password re-entered.
        var workflow = await ExpectAsync(await manager.GetAsync(Path("organisation", number, "workflow"), Ct), HttpStatusCode.OK);
        Assert.NotEmpty(workflow!["openErrors"]!.AsArray());
        Assert.Equal(2, (int)workflow["quorum"]!);
        var noJustification = await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve(justification: null)),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("justification", noJustification!.ToJsonString(), StringComparison.Ordinal);
        await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve(password: null)), HttpStatusCode.Forbidden);
        await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve(password: "not my password")), HttpStatusCode.Forbidden);
        // A continuity manager is not management: the consolidated plan is signed by approvers.
        await ExpectAsync(await PostAsync(manager, Path("organisation", number, "sign-offs"), Approve()), HttpStatusCode.Forbidden);

        var one = (await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve()), HttpStatusCode.Created))!["workflow"];
        Assert.Equal(("pending-approval", 1), ((string)one!["version"]!["state"]!, (int)one["approvals"]!));
        await ExpectAsync(await PostAsync(first, Path("organisation", number, "sign-offs"), Approve()), HttpStatusCode.Conflict);
        var signedTwice = await ExpectAsync(await PostAsync(second, Path("organisation", number, "sign-offs"), Approve()), HttpStatusCode.Created);
        var two = signedTwice!["workflow"];
        Assert.Null(signedTwice["pdfProblem"]);                      // rendered by Chromium and stored
        Assert.Equal(("approved", 2), ((string)two!["version"]!["state"]!, (int)two["approvals"]!));

        // Each sign-off holds the hash signed and the audit chain's head just before it; the chain is intact.
        var hash = (string)two["version"]!["contentHash"]!;
        var signOff = two["signOffs"]!.AsArray().First(s => (string)s!["approver"]! == firstEmail)!;
        Assert.Equal((hash, "password"), ((string)signOff["contentHash"]!, (string)signOff["method"]!));
        var (previous, intact) = await app.QueryAsync(async db =>
        {
            var signed = await db.AuditEntries.SingleAsync(e => e.Action == "plan.version.signed" && e.Actor == firstEmail, Ct);
            return (signed.PreviousHash, (await AuditLog.VerifyAsync(db, Ct)).Intact);
        });
        Assert.Equal((string)signOff["auditHeadHash"]!, previous);
        Assert.True(intact);
        Assert.Contains(two["comments"]!.AsArray(), c => (string)c!["section"]! == "functions" && (string)c["author"]! == reviewerEmail);

        // The approving sign-off rendered the plan document to PDF once: approval page first, the content
        // hash in the page headers, no personal phone numbers; downloads serve the stored bytes.
        using (var pdf = await manager.GetAsync(Path("organisation", number, "approval.pdf"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var bytes = await pdf.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), pdf.Headers.GetValues("X-Content-SHA256").Single());
            using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Contains(hash, System.Text.RegularExpressions.Regex.Replace(text, @"\s", ""), StringComparison.Ordinal);
            Assert.All(document.GetPages(), page => Assert.Contains(page.GetWords(), w => w.Text.Contains(hash, StringComparison.Ordinal)
                && w.BoundingBox.Top < page.Height / 10));                                   // in every page's footer
            Assert.True(text.IndexOf("Approval", StringComparison.Ordinal) < text.IndexOf("Scope and assumptions", StringComparison.Ordinal));
            Assert.DoesNotContain("202-555-0102", text, StringComparison.Ordinal);
            Assert.Contains("202-555-0101", text, StringComparison.Ordinal);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM approval_documents", Ct)));

        // The control status counts the approval: reviewed and approved within the interval, not yet communicated.
        var status = await ExpectAsync(await reviewer.GetAsync("/api/v1/control-status", Ct), HttpStatusCode.OK);
        var plan = status!["controls"]!.AsArray().Single(c => (string)c!["id"]! == "BC.1.01")!;
        Assert.Equal("met", (string)plan["requirements"]![0]!["state"]!);
        Assert.Contains($"#sign-offs", (string)plan["requirements"]![0]!["evidence"]![1]!["link"]!, StringComparison.Ordinal);
        Assert.Equal(("organisation", "current"), ((string)status["reviews"]![0]!["scope"]!, (string)status["reviews"]![0]!["state"]!));
        await ExpectAsync(await PostAsync(manager, Path("organisation", number, "publish"), new { additions = Array.Empty<string>() }), HttpStatusCode.OK);
        var published = await ExpectAsync(await reviewer.GetAsync("/api/v1/control-status", Ct), HttpStatusCode.OK);
        var communicated = published!["controls"]!.AsArray().Single(c => (string)c!["id"]! == "BC.1.01")!["requirements"]![1]!;
        Assert.Equal("met", (string)communicated["state"]!);
        var roles = published["controls"]!.AsArray().Single(c => (string)c!["id"]! == "BC.1.02")!["requirements"]![2]!;
        Assert.Matches("^0 of \\d+ role holders who received organisation@\\d+ acknowledged it\\.$", (string)roles["status"]!);

        // An edit after approval makes a new draft; the approved version and its hash stay as signed.
        var function = await manager.GetAsync("/api/v1/functions/course-delivery", Ct);
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/functions/course-delivery")
        {
            Content = new StringContent("""{"spec":{"objectives":{"rto":60}}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(function.Headers.ETag!);
        await ExpectAsync(await manager.SendAsync(patch, Ct), HttpStatusCode.OK);
        var diff = await ExpectAsync(await manager.GetAsync($"/api/v1/plan/diff?scope=organisation&from={number}", Ct), HttpStatusCode.OK);
        Assert.NotEmpty(diff!["changes"]!.AsArray());
        var approved = await ExpectAsync(await manager.GetAsync(Path("organisation", number), Ct), HttpStatusCode.OK);
        Assert.Equal((hash, "published", true), ((string)approved!["version"]!["contentHash"]!, (string)approved["version"]!["state"]!, (bool)approved["verified"]!));
        Assert.Equal(managerEmail, (string)approved["version"]!["submittedBy"]!);
    }

    [Fact]
    public async Task Nobody_signs_what_they_submitted_and_one_rejection_returns_a_team_plan_which_may_then_be_submitted_again()
    {
        var (_, lead) = await UserAsync(AccessRole.TeamLead, AccessRole.Approver);
        var (_, approver) = await UserAsync(AccessRole.Approver);
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);

        var submitted = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:licensing" }), HttpStatusCode.Created);
        var number = (int)submitted!["version"]!["number"]!;
        Assert.Equal("pending-approval", (string)submitted["version"]!["state"]!);

        var own = await ExpectAsync(await PostAsync(lead, Path("team:licensing", number, "sign-offs"), Approve()), HttpStatusCode.Forbidden);
        Assert.Contains("submitted", (string)own!["detail"]!, StringComparison.Ordinal);
        var noReason = await ExpectAsync(await PostAsync(approver, Path("team:licensing", number, "sign-offs"),
            new { decision = "reject", password = Password }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("statement", noReason!.ToJsonString(), StringComparison.Ordinal);
        var rejected = await ExpectAsync(await PostAsync(approver, Path("team:licensing", number, "sign-offs"),
            new { decision = "reject", statement = "The licence server's restore is untested.", password = Password }), HttpStatusCode.Created);
        Assert.Equal("returned", (string)rejected!["workflow"]!["version"]!["state"]!);
        // A returned version takes no more sign-offs; the same content may be submitted again.
        await ExpectAsync(await PostAsync(manager, Path("team:licensing", number, "sign-offs"), Approve()), HttpStatusCode.Conflict);
        var again = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:licensing" }), HttpStatusCode.Created);

        // A team plan needs one approval; a continuity manager may give it.
        var approved = await ExpectAsync(await PostAsync(manager, Path("team:licensing", (int)again!["version"]!["number"]!, "sign-offs"), Approve()),
            HttpStatusCode.Created);
        Assert.Equal(("approved", 1), ((string)approved!["workflow"]!["version"]!["state"]!, (int)approved["workflow"]!["quorum"]!));
    }

    [Fact]
    public async Task A_request_for_changes_returns_the_version_and_a_new_submission_returns_the_open_one_it_replaces()
    {
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);
        var (reviewerEmail, reviewer) = await UserAsync(AccessRole.Auditor);
        var (_, outsider) = await UserAsync(AccessRole.Member);

        // A reviewer who is not a user is refused, and nothing is written.
        var unknown = await ExpectAsync(await PostAsync(manager, "/api/v1/plan/versions", new { scope = "team:platform", reviewers = Nobody }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("nobody@example.org", unknown!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await ExpectAsync(await manager.GetAsync("/api/v1/plan/versions?scope=team:platform", Ct), HttpStatusCode.OK))!["versions"]!.AsArray());

        var first = await ExpectAsync(await PostAsync(manager, "/api/v1/plan/versions", new { scope = "team:platform", reviewers = new[] { reviewerEmail } }),
            HttpStatusCode.Created);
        var number = (int)first!["version"]!["number"]!;
        await ExpectAsync(await PostAsync(outsider, Path("team:platform", number, "reviews"), new { verdict = "reviewed" }), HttpStatusCode.Forbidden);
        await ExpectAsync(await PostAsync(outsider, Path("team:platform", number, "comments"), new { text = "Hello" }), HttpStatusCode.Forbidden);
        var noText = await ExpectAsync(await PostAsync(reviewer, Path("team:platform", number, "reviews"), new { verdict = "changes-requested" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("text", noText!.ToJsonString(), StringComparison.Ordinal);
        var returned = await ExpectAsync(await PostAsync(reviewer, Path("team:platform", number, "reviews"),
            new { verdict = "changes-requested", section = "systems", text = "Name the database's backup policy." }), HttpStatusCode.OK);
        Assert.Equal("returned", (string)returned!["state"]!);

        var second = await ExpectAsync(await PostAsync(manager, "/api/v1/plan/versions", new { scope = "team:platform" }), HttpStatusCode.Created);
        var third = await ExpectAsync(await PostAsync(manager, "/api/v1/plan/versions", new { scope = "team:platform", note = "Replaces the pending one." }),
            HttpStatusCode.Conflict);
        Assert.Contains("Nothing", (string)third!["detail"]!, StringComparison.Ordinal);
        var list = await ExpectAsync(await manager.GetAsync("/api/v1/plan/versions?scope=team:platform", Ct), HttpStatusCode.OK);
        Assert.Equal(["pending-approval", "returned"], list!["versions"]!.AsArray().Select(v => (string)v!["state"]!));
        Assert.Equal((int)second!["version"]!["number"]!, number + 1);
    }

    [Fact]
    public async Task Sign_offs_and_comments_are_never_changed_or_deleted_not_even_by_hand_written_SQL()
    {
        var (_, lead) = await LeadAsync("customer-success", AccessRole.TeamLead);
        var (_, approver) = await UserAsync(AccessRole.Approver);
        var submitted = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:customer-success", note = "Trigger test." }),
            HttpStatusCode.Created);
        var number = (int)submitted!["version"]!["number"]!;
        await ExpectAsync(await PostAsync(lead, Path("team:customer-success", number, "comments"), new { text = "Ready when you are." }), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(approver, Path("team:customer-success", number, "sign-offs"), Approve()), HttpStatusCode.Created);

        foreach (var sql in new[]
        {
            """UPDATE version_signoffs SET "Statement" = 'forged'""",
            "DELETE FROM version_signoffs",
            """UPDATE version_comments SET "Text" = 'forged'""",
            "DELETE FROM version_comments",
            """UPDATE plan_versions SET "OpenErrors" = '[]'""",
        })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct)));
        }
        var stored = await app.QueryAsync(db => db.VersionSignOffs.CountAsync(Ct));
        Assert.True(stored > 0);
    }

    [Fact]
    public async Task An_approver_with_two_factor_sign_in_signs_with_a_current_authenticator_code_and_an_old_code_is_refused()
    {
        var (_, lead) = await LeadAsync("business-operations", AccessRole.TeamLead);
        await app.RequireDatabaseAsync();
        var (approverId, _, approver) = await app.UserWithPasswordAsync([AccessRole.Approver], Password);
        var key = await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == approverId, Ct);
            user.TwoFactorEnabled = true;
            db.UserTokens.Add(new Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>
            {
                UserId = approverId,
                LoginProvider = "[AspNetUserStore]",
                Name = "AuthenticatorKey",
                Value = "JBSWY3DPEHPK3PXP",
            });
            await db.SaveChangesAsync(Ct);
            return AuthenticatorCodes.Base32Decode("JBSWY3DPEHPK3PXP");
        });
        var submitted = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:business-operations" }), HttpStatusCode.Created);
        var path = Path("team:business-operations", (int)submitted!["version"]!["number"]!, "sign-offs");
        var step = app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30;

        await ExpectAsync(await PostAsync(approver, path, Approve(password: AuthenticatorCodes.Code(key, step - 10))), HttpStatusCode.Forbidden);
        var signed = await ExpectAsync(await PostAsync(approver, path, Approve(password: AuthenticatorCodes.Code(key, step))), HttpStatusCode.Created);
        Assert.Equal("authenticator", (string)signed!["workflow"]!["signOffs"]![0]!["method"]!);
    }

    [Fact]
    public async Task An_approver_signs_recovery_objectives_at_the_revision_they_read_and_the_signature_is_listed_with_its_values()
    {
        var (approverEmail, approver) = await UserAsync(AccessRole.Approver);
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);

        var proposal = await ExpectAsync(await approver.GetAsync("/api/v1/objectives", Ct), HttpStatusCode.OK);
        var revision = (long)proposal!["revision"]!;
        var grading = proposal["functions"]!.AsArray().Single(f => (string)f!["name"]! == "auto-grading")!;
        Assert.NotEqual("approved", (string)grading["approval"]!);
        Assert.NotNull(grading["achievableRto"]);

        var body = new { functions = new[] { "auto-grading" }, revision, statement = "Board, 30 November", password = Password };
        await ExpectAsync(await PostAsync(manager, "/api/v1/objectives/approvals", body), HttpStatusCode.Forbidden);
        await ExpectAsync(await PostAsync(approver, "/api/v1/objectives/approvals", body with { password = "wrong" }), HttpStatusCode.Forbidden);
        await ExpectAsync(await PostAsync(approver, "/api/v1/objectives/approvals", body with { revision = revision - 1 }), HttpStatusCode.Conflict);
        var unknown = await ExpectAsync(await PostAsync(approver, "/api/v1/objectives/approvals", body with { functions = Nobody }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("functions", unknown!.ToJsonString(), StringComparison.Ordinal);
        var made = await ExpectAsync(await PostAsync(approver, "/api/v1/objectives/approvals", body), HttpStatusCode.Created);
        Assert.Equal(revision + 1, (long)made!["revision"]!);

        var after = await ExpectAsync(await approver.GetAsync("/api/v1/objectives", Ct), HttpStatusCode.OK);
        Assert.Equal("approved", (string)after!["functions"]!.AsArray().Single(f => (string)f!["name"]! == "auto-grading")!["approval"]!);
        var listed = await ExpectAsync(await manager.GetAsync("/api/v1/objectives/approvals?function=auto-grading", Ct), HttpStatusCode.OK);
        var approval = Assert.Single(listed!["approvals"]!.AsArray())!;
        Assert.Equal((approverEmail, "password", (int?)grading["rto"]), ((string)approval["approvedBy"]!, (string)approval["method"]!, (int?)approval["rto"]));
    }

    [Fact]
    public async Task Approvers_signing_at_the_same_moment_approve_the_version_once_and_the_one_too_many_is_told_it_is_approved()
    {
        var (_, lead) = await LeadAsync("marketing", AccessRole.TeamLead);
        var approvers = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            approvers.Add((await UserAsync(AccessRole.Approver)).Client);
        }
        var submitted = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:marketing" }), HttpStatusCode.Created);
        var number = (int)submitted!["version"]!["number"]!;

        // A team plan needs one approval: three approvers sign at once, one approves it, two are refused.
        var answers = await Task.WhenAll(approvers.Select(a => PostAsync(a, Path("team:marketing", number, "sign-offs"), Approve())));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var (signOffs, approvedEntries, intact) = await app.QueryAsync(async db =>
        {
            var version = await db.PlanVersions.SingleAsync(v => v.Scope == "team:marketing" && v.Number == number, Ct);
            return (await db.VersionSignOffs.CountAsync(s => s.VersionId == version.Id, Ct),
                await db.AuditEntries.CountAsync(e => e.Action == "plan.version.approved" && e.Subject == version.Label, Ct),
                (await AuditLog.VerifyAsync(db, Ct)).Intact);
        });
        Assert.Equal((1, 1, true), (signOffs, approvedEntries, intact));
    }

    [Fact]
    public async Task An_approved_team_plan_is_published_to_its_people_who_acknowledge_it_through_the_api_once()
    {
        var (_, lead) = await LeadAsync("infrastructure", AccessRole.TeamLead);
        var (_, approver) = await UserAsync(AccessRole.Approver);
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);
        var submitted = await ExpectAsync(await PostAsync(lead, "/api/v1/plan/versions", new { scope = "team:infrastructure" }), HttpStatusCode.Created);
        var number = (int)submitted!["version"]!["number"]!;
        await ExpectAsync(await PostAsync(manager, Path("team:infrastructure", number, "publish"), new { }), HttpStatusCode.Conflict);     // not approved yet
        await ExpectAsync(await PostAsync(approver, Path("team:infrastructure", number, "sign-offs"), Approve()), HttpStatusCode.Created);

        await ExpectAsync(await PostAsync(approver, Path("team:infrastructure", number, "publish"), new { }), HttpStatusCode.Forbidden);
        var published = await ExpectAsync(await PostAsync(lead, Path("team:infrastructure", number, "publish"), new { }), HttpStatusCode.OK);
        Assert.True((int)published!["recipients"]! > 0);
        await ExpectAsync(await PostAsync(manager, Path("team:infrastructure", number, "publish"), new { }), HttpStatusCode.Conflict);

        var lena = app.WithToken((await app.UserAsync([AccessRole.Member], person: "lena-fischer")).Secret);
        var outsider = app.WithToken((await app.UserAsync([AccessRole.Member], person: "olivia-grant")).Secret);
        await ExpectAsync(await PostAsync(outsider, Path("team:infrastructure", number, "acknowledgements"), new { }), HttpStatusCode.Forbidden);
        await ExpectAsync(await PostAsync(lena, Path("team:infrastructure", number, "acknowledgements"), new { }), HttpStatusCode.Created);
        await ExpectAsync(await PostAsync(lena, Path("team:infrastructure", number, "acknowledgements"), new { }), HttpStatusCode.Conflict);

        var distribution = await ExpectAsync(await manager.GetAsync(Path("team:infrastructure", number, "distribution"), Ct), HttpStatusCode.OK);
        Assert.Equal(("published", 1), ((string)distribution!["version"]!["state"]!, (int)distribution["acknowledged"]!));
        var entry = distribution["recipients"]!.AsArray().Single(r => (string)r!["person"]! == "lena-fischer")!;
        Assert.Equal("signed-in", (string)entry["method"]!);
        Assert.Contains("holds", (string)entry["reasons"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_reminders_claim_their_day_once_on_this_database_and_record_the_run()
    {
        await app.RequireDatabaseAsync();
        async Task<ReminderRun?> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync("https://continuity.example.org", Ct);
        }
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var claimed = await app.QueryAsync(db => db.JobRuns.AnyAsync(r => r.Job == DailyReminders.Job && r.Day == today, Ct));
        var first = await RunAsync();
        Assert.Equal(claimed, first is null);              // another test of this class may have run today's already
        Assert.Null(await RunAsync());
        var run = await app.QueryAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Job == DailyReminders.Job && r.Day == today, Ct));
        Assert.False(run.Failed);
        Assert.NotNull(run.FinishedUtc);
        Assert.Contains("contact verification requests", run.Summary, StringComparison.Ordinal);
    }
}
