using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Continuity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddObjectiveApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "objective_approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Function = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MtpdMinutes = table.Column<int>(type: "integer", nullable: true),
                    RtoMinutes = table.Column<int>(type: "integer", nullable: true),
                    RpoMinutes = table.Column<int>(type: "integer", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    ApprovedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objective_approvals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_objective_approvals_Function",
                table: "objective_approvals",
                column: "Function");

            // ADR 010: a signed approval of recovery objectives is written once, never changed or deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER objective_approvals_frozen BEFORE UPDATE OR DELETE ON objective_approvals
                FOR EACH ROW EXECUTE FUNCTION governance_record_frozen('signed approval of recovery objectives');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS objective_approvals_frozen ON objective_approvals;");

            migrationBuilder.DropTable(
                name: "objective_approvals");
        }
    }
}
