package cert

import (
	"bytes"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// Handler serves certificates and their verification.
type Handler struct {
	svc       *Service
	actor     func(*gin.Context) audit.Actor
	proxies   []netip.Prefix
	maxUpload int64
}

// NewHandler returns a Handler; proxies are the addresses whose
// X-Forwarded-For is believed (for the per-client limit of verification);
// evidence documents are at most maxUpload bytes.
func NewHandler(svc *Service, actor func(*gin.Context) audit.Actor, proxies []netip.Prefix, maxUpload int64) *Handler {
	return &Handler{svc: svc, actor: actor, proxies: proxies, maxUpload: maxUpload}
}

// verifyPerMinute is how many verifications a client may ask a minute: a
// desk checking a pile of certificates, not a program guessing codes.
const verifyPerMinute = 120

// Register adds the public routes to public and the others to authed.
func (h *Handler) Register(public, authed *gin.RouterGroup) {
	limit := httpx.RateLimit(verifyPerMinute, h.proxies)
	public.GET("/verify/:code", limit, h.verify)
	public.GET("/verify/:code/credential", limit, h.credential)
	public.POST("/verify/token", limit, h.checkToken)
	public.GET("/certificates/jwks.json", h.jwks)
	public.GET("/certificates/status-list", h.statusList)

	authed.GET("/me/certificates", h.mine)
	authed.GET("/certificates", auth.Require(auth.CertificatesList), h.list)
	authed.GET("/certificates/export", auth.Require(auth.CertificatesList), h.export)
	authed.GET("/certificates/:id", h.get)
	authed.GET("/certificates/:id/pdf", h.pdf)
	authed.GET("/certificates/:id/evidence", h.evidence)
	authed.GET("/certifications", auth.Require(auth.CertificatesList), h.certifications)
	manage := auth.Require(auth.CertificatesManage)
	authed.POST("/certifications", manage, h.createCertification)
	authed.PUT("/certifications/:id", manage, h.updateCertification)
	authed.POST("/certificates", manage, h.issue)
	authed.POST("/certificates/recorded", manage, h.record)
	authed.POST("/certificates/:id/revoke", manage, h.revoke(false))
	authed.POST("/certificates/:id/reinstate", manage, h.revoke(true))
}

func (h *Handler) verify(c *gin.Context) {
	v, err := h.svc.Verify(c.Request.Context(), c.Param("code"))
	if httpx.Fail(c, err) {
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, v)
}

func (h *Handler) credential(c *gin.Context) {
	jwt, err := h.svc.Credential(c.Request.Context(), c.Param("code"))
	if httpx.Fail(c, err) {
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/jwt", []byte(jwt))
}

func (h *Handler) checkToken(c *gin.Context) {
	var req struct {
		Token string `json:"token"`
	}
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	if strings.TrimSpace(req.Token) == "" {
		httpx.WriteError(c, errs.Fields{"token": "required"}.Err())
		return
	}
	out, err := h.svc.CheckToken(c.Request.Context(), strings.TrimSpace(req.Token))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) jwks(c *gin.Context) {
	b, err := h.svc.JWKS(c.Request.Context())
	if httpx.Fail(c, err) {
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/jwk-set+json", b)
}

func (h *Handler) statusList(c *gin.Context) {
	jwt, err := h.svc.StatusList(c.Request.Context())
	if httpx.Fail(c, err) {
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "application/jwt", []byte(jwt))
}

func (h *Handler) mine(c *gin.Context) {
	items, err := h.svc.Mine(c.Request.Context(), auth.MustFrom(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// filter reads the list's query.
func filter(c *gin.Context) (Filter, error) {
	f := Filter{Status: c.Query("status"), Q: c.Query("q")}
	fields := errs.Fields{}
	for name, dst := range map[string]*int64{"agency_id": &f.AgencyID, "certification_id": &f.CertificationID} {
		if v := c.Query(name); v != "" {
			id, err := httpx.PathIDValue(v)
			if err != nil {
				fields[name] = "invalid"
			}
			*dst = id
		}
	}
	for name, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
		if v := c.Query(name); v != "" {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				fields[name] = "invalid_date"
			}
			*dst = &t
		}
	}
	if f.Status != "" && f.Status != "valid" && f.Status != "expired" && f.Status != "revoked" {
		fields["status"] = "invalid"
	}
	if v := c.Query("expires_within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			fields["expires_within"] = "out_of_range"
		}
		f.ExpiresWithin = n
	}
	return f, fields.Err()
}

func (h *Handler) list(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	f, err := filter(c)
	if httpx.Fail(c, err) {
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), auth.MustFrom(c), f, page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

// maxExport is the most certificates one export holds.
const maxExport = 200000

var exportColumns = []spreadsheet.Column{
	{Header: "Họ và tên", Width: 26}, {Header: "Đơn vị (khi cấp)", Width: 36}, {Header: "Chứng nhận", Width: 36},
	{Header: "Số hiệu", Width: 18}, {Header: "Số vào sổ cấp", Width: 14}, {Header: "Ngày cấp", Width: 12},
	{Header: "Giá trị đến", Width: 12}, {Header: "Trạng thái", Width: 14}, {Header: "Lý do thu hồi", Width: 30},
	{Header: "Hình thức", Width: 20}, {Header: "Mã xác thực", Width: 22},
}

var (
	statusText = map[string]string{"valid": "Còn hiệu lực", "expired": "Hết hạn", "revoked": "Đã thu hồi", "not_issued": "Chưa cấp"}
	kindText   = map[string]string{"auto": "Cấp khi đạt yêu cầu", "manual": "Cấp theo quyết định", "recorded": "Ghi nhận tương đương"}
)

// export writes the certificates of the list's filters as CSV (UTF-8 with
// BOM) or XLSX.
func (h *Handler) export(c *gin.Context) {
	f, err := filter(c)
	if httpx.Fail(c, err) {
		return
	}
	format := c.DefaultQuery("format", "csv")
	if format != "csv" && format != "xlsx" {
		httpx.WriteError(c, errs.Fields{"format": "invalid"}.Err())
		return
	}
	items, _, err := h.svc.List(c.Request.Context(), auth.MustFrom(c), f, maxExport, 0)
	if httpx.Fail(c, err) {
		return
	}
	var buf bytes.Buffer
	var ex spreadsheet.Exporter
	if format == "xlsx" {
		ex, err = spreadsheet.NewXLSX(&buf, "Chứng nhận", exportColumns)
	} else {
		ex, err = spreadsheet.NewCSV(&buf, exportColumns, ',')
	}
	if httpx.Fail(c, err) {
		return
	}
	for _, it := range items {
		var expires, reason any = "Không thời hạn", ""
		if it.ExpiresOn != nil {
			expires = *it.ExpiresOn
		}
		if it.RevokedReason != nil {
			reason = *it.RevokedReason
		}
		if err := ex.Row([]any{it.HolderName, it.AgencyName, it.CertNameVI, it.Serial, it.RegisterNo, it.IssuedOn, expires,
			statusText[it.Status], reason, kindText[it.Kind], it.Code}); httpx.Fail(c, err) {
			return
		}
	}
	if httpx.Fail(c, ex.Close()) {
		return
	}
	name := "chung-nhan-" + time.Now().In(civil.Zone).Format("20060102") + "." + format
	ct := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": spreadsheet.XLSXType}[format]
	httpx.Attachment(c, name, ct, buf.Bytes())
}

func (h *Handler) get(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Get(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) pdf(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	b, name, err := h.svc.PDF(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	httpx.Attachment(c, name, "application/pdf", b)
}

func (h *Handler) revoke(reinstate bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			var req struct {
				Reason string `json:"reason"`
			}
			if err := httpx.BindJSON(c, &req); err != nil {
				return nil, err
			}
			return h.svc.Revoke(c.Request.Context(), auth.MustFrom(c), h.actor(c), id, req.Reason, reinstate)
		})
	}
}

func (h *Handler) evidence(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	ev, err := h.svc.EvidenceOf(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	httpx.Attachment(c, ev.Name, ev.ContentType, ev.Data)
}

func (h *Handler) certifications(c *gin.Context) {
	items, err := h.svc.Certifications(c.Request.Context())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// certification answers with certification id as listed.
func (h *Handler) certification(c *gin.Context, id int64) (any, error) {
	items, err := h.svc.Certifications(c.Request.Context())
	for _, it := range items {
		if it.ID == id {
			return it, err
		}
	}
	return nil, errs.ErrNotFound
}

func (h *Handler) createCertification(c *gin.Context) {
	var in CertificationInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	id, err := h.svc.CreateCertification(c.Request.Context(), h.actor(c), in)
	if httpx.Fail(c, err) {
		return
	}
	out, err := h.certification(c, id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, out)
}

func (h *Handler) updateCertification(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var e CertificationEdit
		if err := httpx.BindJSON(c, &e); err != nil {
			return nil, err
		}
		if err := h.svc.UpdateCertification(c.Request.Context(), h.actor(c), id, e); err != nil {
			return nil, err
		}
		return h.certification(c, id)
	})
}

func (h *Handler) issue(c *gin.Context) {
	var r IssueRequest
	if httpx.Fail(c, httpx.BindJSON(c, &r)) {
		return
	}
	cert, err := h.svc.Issue(c.Request.Context(), auth.MustFrom(c), h.actor(c), r, nil)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, cert)
}

func (h *Handler) record(c *gin.Context) {
	name, data, err := httpx.Upload(c, "evidence", h.maxUpload)
	if httpx.Fail(c, err) {
		return
	}
	r := IssueRequest{IssuedOn: c.PostForm("issued_on"), Reason: c.PostForm("reason"), PriorTitle: c.PostForm("prior_title"),
		PriorIssuer: c.PostForm("prior_issuer")}
	fields := errs.Fields{}
	for field, dst := range map[string]*int64{"person_id": &r.PersonID, "certification_id": &r.CertificationID} {
		id, err := httpx.PathIDValue(c.PostForm(field))
		if err != nil {
			fields[field] = "invalid"
		}
		*dst = id
	}
	if len(fields) > 0 {
		httpx.WriteError(c, fields.Err())
		return
	}
	cert, err := h.svc.Issue(c.Request.Context(), auth.MustFrom(c), h.actor(c), r, &Evidence{Name: name, Data: data})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, cert)
}
