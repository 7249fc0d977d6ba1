using System.Net;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Web.Api;

namespace Continuity.Tests.Web;

/// <summary>The person form applies the contact privacy rule of the API and the detail page (ADR 006):
/// a user who may not see a person's mobile and alternate phone does not find them in the form's
/// HTML, and saving the form keeps them as stored.</summary>
public abstract partial class ElementFormsTests
{
    private const string Person = "lena-fischer";           // infrastructure; mobile and alternate phone in the demo plan
    private const string Mobile = "+1-202-555-0110";
    private const string Alternate = "+1-202-555-0142";

    [Fact]
    public async Task A_team_lead_editing_a_person_of_their_team_neither_sees_nor_erases_the_personal_numbers()
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "infrastructure");

        var form = await lead.GetStringAsync($"/people/{Person}/edit", Ct);
        Assert.DoesNotContain(Mobile, form);
        Assert.DoesNotContain(Alternate, form);
        Assert.DoesNotContain("name=\"spec.phones.mobile\"", form);
        Assert.Contains("not shown to you", form);

        var fields = Fields(form);
        fields["metadata.title"] = "Lena Fischer (infrastructure lead)";
        using (var saved = await PostAsync(lead, $"/people/{Person}/edit", fields, form))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{(int)saved.StatusCode} {Problems(await saved.Content.ReadAsStringAsync(Ct))}");
        }
        // A crafted post cannot set them either.
        var crafted = Fields(await lead.GetStringAsync($"/people/{Person}/edit", Ct));
        crafted["spec.phones.mobile"] = "+1-000-000-0000";
        using (var again = await PostAsync(lead, $"/people/{Person}/edit", crafted))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var stored = await app.QueryAsync(db => ElementSet.Of(ElementKind.Person).FindAsync(db, Person, Ct));
        var spec = Assert.IsType<PersonSpec>(stored!.Document.Spec);
        Assert.Equal("Lena Fischer (infrastructure lead)", stored.Document.Metadata.Title);
        Assert.Equal(Mobile, spec.Phones.Mobile);
        Assert.Equal(Alternate, spec.Phones.Alternate);
    }

    [Fact]
    public async Task A_continuity_manager_sees_and_edits_the_personal_numbers_in_the_person_form()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);

        var form = await manager.GetStringAsync($"/people/{Person}/edit", Ct);

        var fields = Fields(form);
        Assert.Equal(Mobile, fields["spec.phones.mobile"]);
        Assert.Equal(Alternate, fields["spec.phones.alternate"]);
        Assert.DoesNotContain("not shown to you", form);
    }
}
