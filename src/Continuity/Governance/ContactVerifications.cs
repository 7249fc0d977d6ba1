using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>A person's contact details as a verification link shows them.</summary>
public sealed record ContactDetails(string Person, string Name, string Email, string? Work, string? Mobile, string? Alternate, DateOnly? Verified);

/// <summary>A verification link's request and the details it asks about.</summary>
public sealed record ContactVerification(ContactVerificationRequest Request, ContactDetails Details)
{
    public bool Answered => Request.AnsweredUtc is not null;
}

/// <summary>People confirm or correct their own contact details (ADR 010) through a link that needs
/// no account. A confirmation writes the day into the person's <c>contactVerified</c> through the
/// plan writer (audited, a new plan revision) — operational data: versions leave it out, so it
/// starts no new draft, export writes it, and an import never moves it backwards. A correction
/// changes the details themselves, which is a change of the plan.</summary>
public sealed class ContactVerifications(ContinuityDb db, PlanWriter writer, TimeProvider clock)
{
    /// <summary>How long a link works.</summary>
    public const int LinkValidDays = 30;

    /// <summary>How long a confirmation counts (CT306 judges by the same span).</summary>
    public const int ValidMonths = 12;

    /// <summary>How many days before a confirmation runs out the person is asked again.</summary>
    public const int AskDaysBefore = 30;

    /// <summary>The request a link's token belongs to, with the person's current details; null for a
    /// token nobody was sent, an expired link, or a person no longer in the plan.</summary>
    public async Task<ContactVerification?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Distribution.HashOf(token.Trim());
        var request = await db.ContactVerificationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (request is null || (request.AnsweredUtc is null && request.ExpiresUtc <= clock.GetUtcNow().UtcDateTime))
        {
            return null;
        }
        var person = await db.People.AsNoTracking().Where(p => p.Name == request.Person)
            .Select(p => new ContactDetails(p.Name, p.Title ?? p.Name, p.Email, p.Phones.Work, p.Phones.Mobile, p.Phones.Alternate, p.ContactVerified))
            .SingleOrDefaultAsync(cancellationToken);
        return person is null ? null : new ContactVerification(request, person);
    }

    /// <summary>The person confirms their details as shown: today becomes their <c>contactVerified</c>.</summary>
    /// <returns>The answered verification, or null for a link that does not work.</returns>
    /// <exception cref="PlanConflictException">The link was already used.</exception>
    public Task<ContactVerification?> ConfirmAsync(string? token, CancellationToken cancellationToken) =>
        AnswerAsync(token, "confirmed", _ => { }, cancellationToken);

    /// <summary>The person corrects their details: the e-mail address and phones given replace the
    /// plan's (empty phones are removed; the e-mail is required), and today becomes their <c>contactVerified</c>.</summary>
    /// <exception cref="PlanValidationException">The details break the plan's rules (field <c>email</c>, <c>phones.work</c> …).</exception>
    public Task<ContactVerification?> CorrectAsync(string? token, string? email, string? work, string? mobile, string? alternate, CancellationToken cancellationToken)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (Clean(email) is null)
        {
            throw new PlanValidationException([new FieldError("email", "Give the e-mail address people reach you at.")]);
        }
        return AnswerAsync(token, "corrected", spec =>
        {
            spec.Email = Clean(email)!;
            spec.Phones = new Phones { Work = Clean(work), Mobile = Clean(mobile), Alternate = Clean(alternate) };
        }, cancellationToken);
    }

    private async Task<ContactVerification?> AnswerAsync(string? token, string outcome, Action<PersonSpec> change, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } found)
        {
            return null;
        }
        if (found.Request.AnsweredUtc is { } answered)
        {
            throw new PlanConflictException($"This link was already used on {answered:yyyy-MM-dd HH:mm} UTC; your details were {found.Request.Outcome} then.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var document = (await PlanExport.LoadOfKindAsync(db, ElementKind.Person, found.Request.Person, cancellationToken)).Single();
        var version = await db.People.AsNoTracking().Where(p => p.Name == found.Request.Person).Select(p => p.Version).SingleAsync(cancellationToken);
        var spec = (PersonSpec)document.Spec;
        change(spec);
        spec.ContactVerified = DateOnly.FromDateTime(now);
        // The link is claimed first, so that two answers at once write the plan once; the writer has
        // its own transaction, and a change it refuses gives the claim back.
        if (await db.ContactVerificationRequests.Where(r => r.Id == found.Request.Id && r.AnsweredUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.AnsweredUtc, now).SetProperty(r => r.Outcome, outcome), cancellationToken) == 0)
        {
            throw new PlanConflictException("This link was already used.");
        }
        try
        {
            await writer.ReplaceElementAsync(new Actor($"person:{found.Request.Person}", AuditChannel.Form), document, version, cancellationToken);
        }
        catch
        {
            await db.ContactVerificationRequests.Where(r => r.Id == found.Request.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.AnsweredUtc, (DateTime?)null).SetProperty(r => r.Outcome, (string?)null), CancellationToken.None);
            throw;
        }
        found.Request.Answer(now, outcome);
        return found with { Details = found.Details with { Verified = spec.ContactVerified, Email = spec.Email, Work = spec.Phones.Work, Mobile = spec.Phones.Mobile, Alternate = spec.Phones.Alternate } };
    }
}
