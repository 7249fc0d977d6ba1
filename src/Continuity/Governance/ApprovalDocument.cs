using System.Security.Cryptography;

namespace Continuity.Governance;

/// <summary>The plan document of an approved version as rendered once, at approval, to PDF (ADR 010):
/// the exact bytes and their SHA-256. Later downloads serve these bytes; the database refuses to
/// change or delete them.</summary>
public sealed class ApprovalDocument
{
    private ApprovalDocument()
    {
    }

    public ApprovalDocument(long versionId, byte[] pdf, DateTime renderedUtc)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        VersionId = versionId;
        Pdf = pdf;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        RenderedUtc = renderedUtc;
    }

    public long VersionId { get; private set; }

    public byte[] Pdf { get; private set; } = [];

    /// <summary>SHA-256 of <see cref="Pdf"/>, lower-case hex.</summary>
    public string Sha256 { get; private set; } = "";

    public DateTime RenderedUtc { get; private set; }
}
