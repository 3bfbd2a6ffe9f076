package quiz

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/qformat"
)

// Pictures of questions (Moodle's @@PLUGINFILE@@/name) are served without a
// token, since <img> tags carry none, at an address that holds the first 64
// bits of the picture's SHA-256: nobody can list or guess them, and a
// version's pictures never change, so browsers may keep them for good.

// pictureURL is where a picture of a version is served.
func pictureURL(version int64, sha, name string) string {
	return "/api/v1/question-files/" + strconv.FormatInt(version, 10) + "/" + sha[:16] + "/" + url.PathEscape(name)
}

// linkPictures points the references of the versions' texts at the served
// pictures; one query for all of them.
func linkPictures(ctx context.Context, q sqlx.QueryerContext, vs map[int64]*version) error {
	ids := make([]int64, 0, len(vs))
	for id := range vs {
		ids = append(ids, id)
	}
	var files []struct {
		Version int64  `db:"version_id"`
		Name    string `db:"name"`
		SHA     string `db:"sha"`
	}
	if err := sqlx.SelectContext(ctx, q, &files, `SELECT version_id, name, encode(sha256(data), 'hex') AS sha
		FROM question_files WHERE version_id = ANY($1)`, pq.Array(ids)); err != nil {
		return err
	}
	for _, f := range files {
		v := vs[f.Version]
		link := pictureURL(f.Version, f.SHA, f.Name)
		r := strings.NewReplacer(qformat.PluginFile+url.PathEscape(f.Name), link, qformat.PluginFile+f.Name, link)
		v.Q.Text, v.Q.GeneralFeedback = r.Replace(v.Q.Text), r.Replace(v.Q.GeneralFeedback)
		for i := range v.Q.Answers {
			v.Q.Answers[i].Text, v.Q.Answers[i].Feedback = r.Replace(v.Q.Answers[i].Text), r.Replace(v.Q.Answers[i].Feedback)
		}
	}
	return nil
}

// picture serves one picture of a question version.
func (h *Handler) picture(c *gin.Context) {
	id, err := httpx.PathID(c, "version")
	sha := c.Param("sha")
	if err != nil || len(sha) != 16 || strings.Trim(sha, "0123456789abcdef") != "" {
		httpx.WriteError(c, errs.ErrNotFound)
		return
	}
	var f struct {
		ContentType string `db:"content_type"`
		Data        []byte `db:"data"`
	}
	err = h.svc.db.GetContext(c.Request.Context(), &f, `SELECT content_type, data FROM question_files
		WHERE version_id = $1 AND name = $2 AND left(encode(sha256(data), 'hex'), 16) = $3`, id, c.Param("name"), sha)
	if httpx.Fail(c, notFound(err)) {
		return
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	c.Data(http.StatusOK, f.ContentType, f.Data)
}
