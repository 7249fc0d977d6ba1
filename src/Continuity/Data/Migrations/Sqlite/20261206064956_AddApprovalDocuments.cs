using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddApprovalDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approval_documents",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RenderedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_documents", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_approval_documents_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // ADR 010: the PDF rendered at approval is the record of what was signed: never changed or deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER approval_documents_frozen BEFORE UPDATE ON approval_documents
                BEGIN SELECT RAISE(ABORT, 'An approval PDF never changes (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER approval_documents_kept BEFORE DELETE ON approval_documents
                BEGIN SELECT RAISE(ABORT, 'An approval PDF is never deleted (ADR 010).'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS approval_documents_kept;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS approval_documents_frozen;");

            migrationBuilder.DropTable(
                name: "approval_documents");
        }
    }
}
