using Continuity.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("plan_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Scope).HasMaxLength(PlanVersion.ScopeMaxLength);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Property(v => v.SubmittedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(v => v.Note).HasMaxLength(PlanVersion.NoteMaxLength);
        builder.Property(v => v.State).IsEnumText();
        builder.Ignore(v => v.Label);
        builder.Ignore(v => v.IsOpen);
        builder.Ignore(v => v.OpenErrorList);
        builder.Ignore(v => v.Summary);
        builder.HasIndex(v => new { v.Scope, v.Number }).IsUnique();
    }
}

internal sealed class VersionReviewerConfiguration : IEntityTypeConfiguration<VersionReviewer>
{
    public void Configure(EntityTypeBuilder<VersionReviewer> builder)
    {
        builder.ToTable("version_reviewers");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reviewer).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.NamedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.Verdict).IsEnumText();
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.VersionId, r.Reviewer }).IsUnique();
    }
}

internal sealed class VersionCommentConfiguration : IEntityTypeConfiguration<VersionComment>
{
    public void Configure(EntityTypeBuilder<VersionComment> builder)
    {
        builder.ToTable("version_comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Author).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(c => c.Section).HasMaxLength(32);
        builder.Property(c => c.Text).HasMaxLength(VersionComment.TextMaxLength);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.VersionId);
    }
}

internal sealed class VersionSignOffConfiguration : IEntityTypeConfiguration<VersionSignOff>
{
    public void Configure(EntityTypeBuilder<VersionSignOff> builder)
    {
        builder.ToTable("version_signoffs");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Approver).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(s => s.Decision).IsEnumText();
        builder.Property(s => s.Statement).HasMaxLength(VersionSignOff.StatementMaxLength);
        builder.Property(s => s.Justification).HasMaxLength(VersionSignOff.JustificationMaxLength);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.AuditHeadHash).HasMaxLength(64);
        builder.Property(s => s.Method).HasMaxLength(32);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.VersionId, s.Approver }).IsUnique();
    }
}

internal sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> builder)
    {
        builder.ToTable("app_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(AppSettings.KeyMaxLength);
        builder.Property(s => s.Value).HasMaxLength(AppSettings.ValueMaxLength);
        builder.Property(s => s.ChangedBy).HasMaxLength(PlanVersion.ActorMaxLength);
    }
}

internal sealed class ObjectiveApprovalConfiguration : IEntityTypeConfiguration<Functions.ObjectiveApproval>
{
    public void Configure(EntityTypeBuilder<Functions.ObjectiveApproval> builder)
    {
        builder.ToTable("objective_approvals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Function).HasMaxLength(Element.NameMaxLength);
        builder.Property(a => a.ApprovedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(a => a.Statement).HasMaxLength(Functions.ObjectiveApproval.StatementMaxLength);
        builder.Property(a => a.Method).HasMaxLength(32);
        builder.Ignore(a => a.Values);
        builder.HasIndex(a => a.Function);
    }
}

internal sealed class ApprovalDocumentConfiguration : IEntityTypeConfiguration<ApprovalDocument>
{
    public void Configure(EntityTypeBuilder<ApprovalDocument> builder)
    {
        builder.ToTable("approval_documents");
        builder.HasKey(d => d.VersionId);
        builder.Property(d => d.VersionId).ValueGeneratedNever();
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.HasOne<PlanVersion>().WithOne().HasForeignKey<ApprovalDocument>(d => d.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VersionRecipientConfiguration : IEntityTypeConfiguration<VersionRecipient>
{
    public void Configure(EntityTypeBuilder<VersionRecipient> builder)
    {
        builder.ToTable("version_recipients");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Person).HasMaxLength(Element.NameMaxLength);
        builder.Property(r => r.Name).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.Email).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.Reasons).HasMaxLength(VersionRecipient.ReasonsMaxLength);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.AcknowledgedMethod).HasMaxLength(32);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.VersionId, r.Person }).IsUnique();
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.Person);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.SentUtc);
    }
}

internal sealed class UpdateRequestConfiguration : IEntityTypeConfiguration<UpdateRequest>
{
    public void Configure(EntityTypeBuilder<UpdateRequest> builder)
    {
        builder.ToTable("update_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.Message).HasMaxLength(UpdateRequest.MessageMaxLength);
    }
}

internal sealed class OfflineCopyConfiguration : IEntityTypeConfiguration<OfflineCopy>
{
    public void Configure(EntityTypeBuilder<OfflineCopy> builder)
    {
        builder.ToTable("offline_copies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Location).HasMaxLength(OfflineCopy.LocationMaxLength);
        builder.Property(c => c.Holder).HasMaxLength(Element.NameMaxLength);
        builder.Property(c => c.RecordedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.VersionId);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Job).HasMaxLength(JobRun.JobMaxLength);
        builder.Property(r => r.Instance).HasMaxLength(200);
        builder.Property(r => r.Summary).HasMaxLength(JobRun.SummaryMaxLength);
        builder.HasIndex(r => new { r.Job, r.Day }).IsUnique();
    }
}

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> builder)
    {
        builder.ToTable("sent_reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasMaxLength(SentReminder.KindMaxLength);
        builder.Property(r => r.Subject).HasMaxLength(SentReminder.SubjectMaxLength);
        builder.Property(r => r.Stage).HasMaxLength(SentReminder.StageMaxLength);
        builder.Property(r => r.To).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Kind, r.Subject, r.Stage }).IsUnique();
    }
}

internal sealed class ContactVerificationRequestConfiguration : IEntityTypeConfiguration<ContactVerificationRequest>
{
    public void Configure(EntityTypeBuilder<ContactVerificationRequest> builder)
    {
        builder.ToTable("contact_verification_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Person).HasMaxLength(Element.NameMaxLength);
        builder.Property(r => r.Email).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.Outcome).HasMaxLength(16);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.Person);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => f.UserId).IsUnique();
        builder.HasOne<Accounts.ContinuityUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Url).HasMaxLength(Webhook.UrlMaxLength);
        builder.Property(w => w.Format).HasMaxLength(16);
        builder.Property(w => w.Events).HasMaxLength(500);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(2000);
        builder.Property(w => w.CreatedBy).HasMaxLength(PlanVersion.ActorMaxLength);
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(64);
        builder.Property(e => e.Text).HasMaxLength(2000);
        builder.HasIndex(e => e.FannedOut);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.NextAttemptUtc);
        builder.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
    }
}
