using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Postgres
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
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RenderedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                CREATE TRIGGER approval_documents_frozen BEFORE UPDATE OR DELETE ON approval_documents
                FOR EACH ROW EXECUTE FUNCTION governance_record_frozen('approval PDF');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS approval_documents_frozen ON approval_documents;");

            migrationBuilder.DropTable(
                name: "approval_documents");
        }
    }
}
